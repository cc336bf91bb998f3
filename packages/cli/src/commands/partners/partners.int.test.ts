import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isRight } from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  aspStatementSpec,
  checkFile,
  createFeedClient,
  daresExtractSpec,
  franceTravailNoticeSpec,
} from '@parcours/projections'
import { inProcessCli } from '../../testing/inProcessCli.js'

// ---------------------------------------------------------------------------------------------
// `parcours partners feed …` and `parcours partners export …` on a SQLite store.
// ---------------------------------------------------------------------------------------------

const cli = inProcessCli('parcours-partners-', 'sqlite:store.db')
const { ok, parcours, dir } = cli
const convention = (missionLocaleIds: string[]) => ({
  conventionId: 'cv-1',
  missionLocaleIds,
  journeyFacts: true,
  identity: false,
  aggregates: false,
  commands: [],
})

beforeAll(async () => {
  writeFileSync(
    join(dir, 'parcours.partners.json'),
    JSON.stringify({
      partners: [
        {
          token: 'app-cej-token-0123456789',
          actor: { kind: 'partner', id: 'app-cej', convention: convention(['ml-a']) },
        },
        {
          token: 'other-token-0123456789ab',
          actor: { kind: 'partner', id: 'other', convention: convention(['ml-b']) },
        },
      ],
    }),
  )
  const register = (youth: string, ml: string, on: string) =>
    ok(
      'register',
      '--youth',
      youth,
      '--mission-locale',
      ml,
      '--counsellor',
      'c-1',
      '--birth-date',
      '2003-05-17',
      '--on',
      on,
    )
  await register('y-1', 'ml-a', '2025-02-03')
  await register('y-2', 'ml-b', '2025-02-04')
  await register('y-3', 'ml-a', '2025-02-05')
  await ok('diagnostic', '--youth', 'y-1', '--mission-locale', 'ml-a', '--on', '2025-02-06')
  await ok(
    'programme',
    'enter',
    '--youth',
    'y-1',
    '--mission-locale',
    'ml-a',
    '--programme',
    'CEJ',
    '--until',
    '2026-02-01',
    '--on',
    '2025-02-10',
  )
  await ok(
    'offer',
    '--youth',
    'y-3',
    '--mission-locale',
    'ml-a',
    '--proposal',
    'p-1',
    '--theme',
    'training',
    '--respond-by',
    '2025-03-31',
    '--on',
    '2025-02-12',
  )
})
afterAll(() => cli.remove())

describe('parcours partners feed', () => {
  it('lists what a partner would receive, within its convention, without moving its cursor', async () => {
    const page = JSON.parse((await ok('partners', 'feed', 'list', '--partner', 'app-cej', '--json')).out) as {
      notices: Array<{ journey: string; object: string; action: string }>
      cursor: number
      head: number
    }
    expect(page.cursor).toBe(0)
    expect(new Set(page.notices.map((n) => n.journey))).toEqual(new Set(['y-1', 'y-3']))
    expect(page.notices.map((n) => `${n.object} ${n.action}`)).toContain('programme created')
    const again = JSON.parse(
      (await ok('partners', 'feed', 'list', '--partner', 'app-cej', '--json')).out,
    ) as { cursor: number }
    expect(again.cursor).toBe(0)
    const text = (await ok('partners', 'feed', 'list', '--partner', 'other', '--limit', '1')).out
    expect(text).toMatch(
      /^Feed of other: cursor 0, head \d+; 1 notice\(s\), up to position \d+\n +\d+  2025-02-04  y-2  journey  created\n$/,
    )
  })

  it('acknowledges, refuses a position past the head, and replays', async () => {
    const head = (
      JSON.parse((await ok('partners', 'feed', 'list', '--partner', 'app-cej', '--json')).out) as {
        head: number
      }
    ).head
    expect((await ok('partners', 'feed', 'ack', '--partner', 'app-cej', '--position', '3')).out).toBe(
      `Cursor of app-cej moved from 0 to 3 (head ${head}).\n`,
    )
    expect((await ok('partners', 'feed', 'ack', '--partner', 'app-cej', '--position', '2')).out).toContain(
      'stays at 3',
    )
    const beyond = await parcours(
      'partners',
      'feed',
      'ack',
      '--partner',
      'app-cej',
      '--position',
      String(head + 1),
    )
    expect([beyond.code, beyond.err]).toEqual([
      2,
      expect.stringContaining(`is not in the feed (0 to ${head})`),
    ])
    const unknown = await parcours('partners', 'feed', 'ack', '--partner', 'nobody', '--position', '1')
    expect([unknown.code, unknown.err]).toEqual([2, expect.stringContaining('no partner nobody')])
    const after = JSON.parse(
      (await ok('partners', 'feed', 'list', '--partner', 'app-cej', '--json')).out,
    ) as {
      notices: Array<{ position: number }>
    }
    expect(after.notices.every((n) => n.position > 3)).toBe(true)
    expect((await ok('partners', 'feed', 'replay', '--partner', 'app-cej', '--from', '0')).out).toContain(
      'set from 3 to 0',
    )
    expect((await ok('partners', 'feed', 'cursors')).out).toBe(
      `app-cej: cursor 0 of ${head}\nother: cursor 0 of ${head}\n`,
    )
  })

  it('serves the feed over HTTP from the built binary until told to stop', async () => {
    const bin = join(
      resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../..'),
      'packages/cli/dist/bin.js',
    )
    const server = spawn(process.execPath, [bin, 'partners', 'feed', 'serve', '--port', '0'], {
      cwd: dir,
      env: { ...process.env, PARCOURS_STORE: 'sqlite:store.db', PARCOURS_AS: '' },
    })
    let out = ''
    const exited = new Promise<number | null>((done) => server.on('exit', (code) => done(code)))
    const url = await new Promise<string>((done, fail) => {
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /at (http:\/\/127\.0\.0\.1:\d+)\/feed/.exec(out)
        if (m !== null) done(m[1] as string)
      })
      server.on('exit', () => fail(new Error(`the server stopped: ${out}`)))
    })
    try {
      const client = createFeedClient({ baseUrl: url, token: 'other-token-0123456789ab' })
      const page = await client.page({ limit: 10 })()
      expect(isRight(page) && page.right.notices.map((n) => n.journey)).toEqual(['y-2', 'y-2'])
      const acked = await client.ack(isRight(page) ? page.right.last : 0)()
      expect(isRight(acked) && acked.right.cursor).toBe(isRight(page) && page.right.last)
    } finally {
      server.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
    expect(out).toContain('Partner feed stopped.')
    await ok('partners', 'feed', 'replay', '--partner', 'other', '--from', '0')
  })

  it('refuses a partners file with a shared or short token', async () => {
    writeFileSync(
      join(dir, 'bad.partners.json'),
      JSON.stringify({
        partners: [{ token: 'short', actor: { kind: 'partner', id: 'p', convention: convention([]) } }],
      }),
    )
    const r = await parcours('partners', 'feed', '--partners', 'bad.partners.json', 'cursors')
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('its own token of 16 characters or more')])
  })
})

describe('parcours partners export', () => {
  const read = (name: string) => readFileSync(join(dir, name), 'utf8')

  it('writes the DARES extract, national for a statistician, with its description, following its schema', async () => {
    const r = await ok(
      '--as',
      'statistician:s-1',
      'partners',
      'export',
      'dares',
      '--month',
      '2025-02',
      '--out',
      'dares.csv',
    )
    expect(r.out).toContain('DARES extract of the nation for 2025-02: 3 row(s) written to')
    const checked = checkFile(daresExtractSpec, read('dares.csv'))
    expect(isRight(checked) && checked.right.map((row) => row['mission_locale']).sort()).toEqual([
      'ml-a',
      'ml-a',
      'ml-b',
    ])
    expect(read('dares.csv')).not.toMatch(/y-\d/)
    const description = JSON.parse(read('dares.csv.description.json')) as {
      parcoursPartnerFile: string
      rows: number
      columns: unknown[]
    }
    expect([description.parcoursPartnerFile, description.rows, description.columns.length]).toEqual([
      'dares-monthly-extract',
      3,
      daresExtractSpec.columns.length,
    ])
    // The same key, the same pseudonyms: a second export replaces the first, identical.
    const before = read('dares.csv')
    await ok(
      '--as',
      'statistician:s-1',
      'partners',
      'export',
      'dares',
      '--month',
      '2025-02',
      '--out',
      'dares.csv',
    )
    expect(read('dares.csv')).toBe(before)
    const manager = await ok(
      '--as',
      'manager:m-1@ml-b',
      'partners',
      'export',
      'dares',
      '--month',
      '2025-02',
      '--out',
      'dares-b.csv',
    )
    expect(manager.out).toContain('DARES extract of ml-b for 2025-02: 1 row(s)')
  })

  it('writes the France Travail notice and the ASP statement of a manager', async () => {
    await ok(
      '--as',
      'manager:m-1@ml-a',
      'partners',
      'export',
      'france-travail',
      '--month',
      '2025-02',
      '--out',
      'ft.csv',
    )
    expect(read('ft.csv')).toBe(
      'youth_id,mission_locale,programme,entered_on,notice_month\ny-1,ml-a,CEJ,2025-02-10,2025-02\n',
    )
    expect(isRight(checkFile(franceTravailNoticeSpec, read('ft.csv')))).toBe(true)
    await ok(
      '--as',
      'manager:m-1@ml-a',
      'partners',
      'export',
      'asp',
      '--month',
      '2025-02',
      '--out',
      'asp.csv',
    )
    const asp = checkFile(aspStatementSpec, read('asp.csv'))
    expect(isRight(asp) && asp.right.map((row) => [row['youth_id'], row['status']])).toEqual([
      ['y-1', 'allowance-not-set'],
    ])
  })

  it('refuses the wrong actor, and a file that is not a previous one of its kind, writing nothing', async () => {
    const counsellor = await parcours(
      '--as',
      'counsellor:c-1@ml-a',
      'partners',
      'export',
      'france-travail',
      '--month',
      '2025-02',
      '--out',
      'c.csv',
    )
    expect([counsellor.code, counsellor.err]).toEqual([1, expect.stringContaining('PartnerFilesByManager')])
    writeFileSync(join(dir, 'precious.csv'), 'not an export\n')
    const r = await parcours(
      '--as',
      'statistician:s-1',
      'partners',
      'export',
      'dares',
      '--month',
      '2025-02',
      '--out',
      'precious.csv',
    )
    expect([r.code, r.err]).toEqual([
      2,
      expect.stringContaining('is not a Parcours DARES extract; pass --force'),
    ])
    expect(read('precious.csv')).toBe('not an export\n')
    const wrongKind = await parcours(
      '--as',
      'manager:m-1@ml-a',
      'partners',
      'export',
      'asp',
      '--month',
      '2025-02',
      '--out',
      'ft.csv',
    )
    expect(wrongKind.code).toBe(2)
  })
})
