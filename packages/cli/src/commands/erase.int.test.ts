import { afterAll, describe, expect, it } from 'vitest'
import { bufferIo } from '../cli/io.js'
import { run } from '../main.js'
import { inProcessCli } from '../testing/inProcessCli.js'

// erase and retention ask before they destroy: a dry run, a confirmation on a terminal, --yes.
const { dir, parcours, ok, remove } = inProcessCli('parcours-erase-', 'sqlite:journeys.db')
afterAll(remove)

const M = ['--as', 'manager:m-1@ml-a']
const Y = ['--youth', 'y-1', '--mission-locale', 'ml-a']
const erased = async () => (await ok(...M, 'show', ...Y)).out.includes('personal data erased')
/** A run on a terminal whose person types `answer` when asked; what was asked is returned too. */
const onTerminal = async (answer: string, ...argv: string[]) => {
  const asked: string[] = []
  const io = {
    ...bufferIo({ PARCOURS_STORE: 'sqlite:journeys.db' }, dir),
    stdin: { isTTY: true, ask: (q: string) => (asked.push(q), Promise.resolve(answer)) },
  }
  const code = await run(argv, io)
  return { code, out: io.out(), err: io.err(), asked }
}

describe('erase', () => {
  it('says what it would erase with --dry-run, and changes nothing', async () => {
    await ok(
      '--as',
      'counsellor:c-1@ml-a',
      'register',
      ...Y,
      '--counsellor',
      'c-1',
      '--birth-date',
      '2004-03-15',
      '--first-name',
      'Ana',
      '--last-name',
      'Lopez',
    )
    const dry = await ok(...M, 'erase', ...Y, '--dry-run')
    expect(dry.out).toMatch(
      /^Dry run: erase would delete key key-[0-9a-f]+ of y-1 \(ml-a\) from .* and record PersonalDataErased; nothing was changed\.\n$/,
    )
    const json = JSON.parse((await ok(...M, 'erase', ...Y, '--dry-run', '--json')).out) as Record<
      string,
      unknown
    >
    expect(json).toMatchObject({ dryRun: true, youthId: 'y-1', alreadyErased: false })
    expect(await erased()).toBe(false)
    expect((await ok(...M, 'show', ...Y)).out).toContain('Ana')
  })

  it('refuses off a terminal without --yes (exit 2), naming both ways out, and erases nothing', async () => {
    const r = await parcours(...M, 'erase', ...Y)
    expect(r.code).toBe(2)
    expect(r.err).toContain('pass --yes to confirm without being asked')
    expect(r.err).toContain('--dry-run')
    expect(await erased()).toBe(false)
  })

  it('asks on a terminal: another answer erases nothing (exit 1); the id typed erases', async () => {
    const declined = await onTerminal('n', ...M, 'erase', ...Y)
    expect(declined.asked).toEqual([
      'Erase the personal data of y-1 (ml-a)? It cannot be undone. Type y-1 to confirm: ',
    ])
    expect([declined.code, declined.err]).toEqual([1, expect.stringContaining('not confirmed')])
    expect(await erased()).toBe(false)
    const confirmed = await onTerminal('y-1', ...M, 'erase', ...Y)
    expect(confirmed.code, confirmed.err).toBe(0)
    expect(confirmed.out).toContain('Personal data of y-1 erased')
    expect(await erased()).toBe(true)
    const again = await ok(...M, 'erase', ...Y, '--dry-run')
    expect(again.out).toContain('already erased; erase would change nothing')
  })

  it('checks access before it asks anything', async () => {
    const r = await onTerminal('y-1', '--as', 'manager:m-1@ml-b', 'erase', ...Y)
    expect([r.code, r.asked]).toEqual([1, []])
  })
})

describe('retention', () => {
  it('asks on a terminal (type yes), runs unattended off one, and --yes skips the question', async () => {
    const declined = await onTerminal('no', '--as', 'operator:o-1', 'retention', '--at', '2025-06-01')
    expect(declined.asked).toHaveLength(1)
    expect(declined.asked[0]).toContain('Type yes to confirm')
    expect(declined.code).toBe(1)
    expect((await onTerminal('yes', '--as', 'operator:o-1', 'retention', '--at', '2025-06-01')).code).toBe(0)
    const yes = await onTerminal('', '--as', 'operator:o-1', 'retention', '--at', '2025-06-01', '--yes')
    expect([yes.code, yes.asked]).toEqual([0, []])
    expect(
      (await onTerminal('', '--as', 'operator:o-1', 'retention', '--at', '2025-06-01', '--dry-run')).asked,
    ).toEqual([])
    expect((await ok('--as', 'operator:o-1', 'retention', '--at', '2025-06-01')).out).toContain(
      'Retention as of 2025-06-01',
    )
  })
})
