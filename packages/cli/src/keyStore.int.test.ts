import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { inProcessCli, type CliRun } from './testing/inProcessCli.js'
import { openSqliteFile as Database } from './testing/sqliteFile.js'

// The key store is never created by a command that does not register, and an erasure never
// reports success through a key store that does not hold the key: missing, empty, unreadable or
// another store's key file is exit 3 with one line, and nothing is recorded.

let cli: ReturnType<typeof inProcessCli>
let keys: string
beforeEach(async () => {
  cli = inProcessCli('parcours-keys-', 'sqlite:journeys.db')
  keys = join(cli.dir, 'journeys.db.keys')
  await cli.ok(...registration('y-a', 'Zéphyrine'))
  await cli.ok(
    'request',
    ...A,
    '--theme',
    'housing',
    '--comment',
    'Hébergée chez sa sœur',
    '--on',
    '2025-01-07',
  )
})
afterEach(() => cli.remove())

const A = ['--youth', 'y-a', '--mission-locale', 'ml-a']
const registration = (youth: string, firstName: string) =>
  [
    'register',
    '--youth',
    youth,
    '--mission-locale',
    'ml-a',
    '--counsellor',
    'c-1',
    '--birth-date',
    '2004-05-10',
    '--on',
    '2025-01-06',
    '--first-name',
    firstName,
    '--last-name',
    'Quellec',
  ] as const

// The one line a failure prints, and nothing on stdout.
const failsWith = (r: CliRun, code: number): string => {
  const lines = r.err.split('\n').filter((l) => l.length > 0)
  expect(lines, r.err).toHaveLength(1)
  expect(r.out).toBe('')
  expect(r.code, r.err).toBe(code)
  return lines[0] as string
}

const events = async () => (JSON.parse((await cli.ok('verify', '--json')).out) as { events: number }).events
const openings = async () =>
  (
    JSON.parse((await cli.ok('--as', 'manager:m-1@ml-a', 'access-log', '--json')).out) as {
      entries: unknown[]
    }
  ).entries.length
const erased = async () =>
  (JSON.parse((await cli.ok('show', ...A, '--json')).out) as { erased: boolean }).erased

// The ways a key store is not the one holding the keys.
const broken: ReadonlyArray<readonly [string, () => void, RegExp]> = [
  ['missing', () => renameSync(keys, `${keys}.away`), /no key store at .*journeys\.db\.keys/],
  ['empty', () => writeFileSync(keys, ''), /journeys\.db\.keys is an empty file, not a Parcours key store/],
  [
    'unreadable',
    () => writeFileSync(keys, 'x'.repeat(4096)),
    /journeys\.db\.keys: \w+ failed: file is not a database/,
  ],
]

const restore = () => {
  if (existsSync(`${keys}.away`)) {
    rmSync(keys, { force: true })
    renameSync(`${keys}.away`, keys)
  }
}

describe('a key store that is missing, empty or unreadable', () => {
  for (const [what, breakIt, message] of broken) {
    it(`${what}: show, erase and retention exit 3 with one line, record nothing, create nothing`, async () => {
      const saved = `${keys}.saved`
      copyFileSync(keys, saved)
      const before = await events()
      breakIt()
      const bytes = existsSync(keys) ? readFileSync(keys) : undefined

      expect(failsWith(await cli.parcours('show', ...A), 3)).toMatch(message)
      expect(failsWith(await cli.parcours('show', ...A, '--json'), 3)).toMatch(message)
      const erase = failsWith(await cli.parcours('erase', ...A, '--on', '2030-01-01', '--yes'), 3)
      expect(erase).toMatch(message)
      expect(erase).toMatch(/nothing was erased or recorded/)
      const retention = failsWith(await cli.parcours('retention', '--at', '2040-01-01'), 3)
      expect(retention).toMatch(message)
      expect(retention).toMatch(/nothing was erased or recorded/)
      // A comment cannot be sealed either: nothing is written.
      expect(
        failsWith(await cli.parcours('diagnostic', ...A, '--comment', 'Projet', '--on', '2025-01-08'), 3),
      ).toMatch(message)

      // Nothing created or changed, nothing recorded.
      expect(existsSync(keys) ? readFileSync(keys) : undefined).toEqual(bytes)
      expect(await events()).toBe(before)
      expect(await openings()).toBe(0)
      rmSync(keys, { force: true })
      renameSync(saved, keys)
      restore()
      expect(await erased()).toBe(false)
      expect((await cli.ok('show', ...A)).out).toContain('Zéphyrine')
    })
  }
})

describe('a key store that is not the one holding the key', () => {
  it('erase exits 3 naming the key, records nothing, and the real key still opens the data', async () => {
    const other = inProcessCli('parcours-other-', 'sqlite:other.db')
    try {
      await other.ok(...registration('y-a', 'Homonyme'))
      const real = `${keys}.real`
      renameSync(keys, real)
      copyFileSync(join(other.dir, 'other.db.keys'), keys)
      const before = await events()
      const line = failsWith(await cli.parcours('erase', ...A, '--on', '2030-01-01', '--yes'), 3)
      expect(line).toMatch(/does not hold key key-[0-9a-f]+ of y-a, the key that sealed their personal data/)
      expect(line).toMatch(/nothing was erased or recorded/)
      // Erasing through it again (the tombstone a previous version left there) still fails.
      expect(failsWith(await cli.parcours('erase', ...A, '--on', '2030-01-01', '--yes'), 3)).toMatch(
        /does not hold key/,
      )
      expect(await events()).toBe(before)
      rmSync(keys)
      renameSync(real, keys)
      expect((await cli.ok('show', ...A)).out).toContain('Zéphyrine')
      // Through the key store that holds it, the erasure happens, once.
      expect((await cli.ok('erase', ...A, '--on', '2030-01-01', '--yes')).out).toMatch(/erased \(key key-/)
      expect(await erased()).toBe(true)
      expect((await cli.ok('show', ...A)).out).not.toContain('Zéphyrine')
    } finally {
      other.remove()
    }
  })
})

describe('no command but a registration creates the key store', () => {
  it('show, report, alerts, tick, verify, project and access-log create no key file; register does', async () => {
    rmSync(keys)
    for (const argv of [
      ['report'],
      ['report', '--mission-locale', 'ml-a'],
      ['verify'],
      ['project'],
      ['--as', 'manager:m-1@ml-a', 'access-log'],
    ]) {
      const r = await cli.parcours(...argv)
      expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(0)
      expect(existsSync(keys), argv.join(' ')).toBe(false)
    }
    // The clock and the worklist open the journeys' sealed age limits where the store seals them:
    // they may need the key store, and then fail with one line without it — creating none.
    for (const argv of [
      ['tick', '--at', '2025-02-01'],
      ['alerts', '--counsellor', 'c-1', '--mission-locale', 'ml-a', '--at', '2025-02-01'],
    ]) {
      const r = await cli.parcours(...argv)
      if (r.code !== 0) expect(failsWith(r, 3), argv.join(' ')).toMatch(/no key store at/)
      expect(existsSync(keys), argv.join(' ')).toBe(false)
    }
    expect(failsWith(await cli.parcours('show', ...A), 3)).toMatch(/no key store at/)
    expect(existsSync(keys)).toBe(false)
    await cli.ok(...registration('y-new', 'Anatole'))
    expect(existsSync(keys)).toBe(true)
  })
})

describe('retention discards the keys of people never registered', () => {
  it('lists them in a dry run, then discards them, keeping every registered person’s key', async () => {
    // What a registration that died between its key and its events leaves: a key, no journey.
    const db = new Database(keys)
    db.prepare(
      'INSERT INTO parcours_personal_keys (youth_id, key_id, material, check_value, created_at) VALUES (?, ?, zeroblob(32), zeroblob(8), ?)',
    ).run('y-orphan', 'key-orphan', '2025-01-01T00:00:00.000Z')
    db.prepare(
      'INSERT INTO parcours_personal_keys (youth_id, key_id, material, check_value, created_at) VALUES (?, ?, zeroblob(32), zeroblob(8), ?)',
    ).run('y-in-flight', 'key-in-flight', new Date().toISOString())
    db.close()
    const youths = () =>
      (
        new Database(keys, { readonly: true })
          .prepare('SELECT youth_id FROM parcours_personal_keys ORDER BY 1')
          .all() as Array<{
          youth_id: string
        }>
      ).map((r) => r.youth_id)

    const dry = JSON.parse((await cli.ok('retention', '--at', '2025-06-01', '--dry-run', '--json')).out) as {
      orphanKeys: { discarded: Array<{ youthId: string }> }
    }
    expect(dry.orphanKeys.discarded.map((k) => k.youthId)).toEqual(['y-orphan'])
    expect(youths()).toEqual(['y-a', 'y-in-flight', 'y-orphan'])

    const run = await cli.ok('retention', '--at', '2025-06-01')
    expect(run.out).toContain("Keys of people never registered (a failed registration's): 1 discarded.")
    expect(youths()).toEqual(['y-a', 'y-in-flight'])
    expect((await cli.ok('show', ...A)).out).toContain('Zéphyrine')
    // The young person can be registered afresh.
    await cli.ok(...registration('y-orphan', 'Anatole'))
  })
})
