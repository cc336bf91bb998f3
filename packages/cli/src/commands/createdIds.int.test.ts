import { afterAll, describe, expect, it } from 'vitest'
import { inProcessCli } from '../testing/inProcessCli.js'

// Every command that creates something prints the id the next command names it by, and --json
// carries it; a re-sent command prints what it created the first time.
const { parcours, ok, remove } = inProcessCli('parcours-created-', 'sqlite:journeys.db')
afterAll(remove)

const Y = ['--youth', 'y-new', '--mission-locale', 'ml-a']
const C = ['--as', 'counsellor:c-1@ml-a']
const createdLines = (out: string) => out.split('\n').filter((l) => l.startsWith('created '))
const createdJson = (out: string) =>
  (JSON.parse(out) as { created: Array<{ kind: string; id: string }> }).created

describe('what a command creates', () => {
  it('prints the ids of the journey, its first follow-up, and everything created after', async () => {
    const registered = await ok(
      ...C,
      'register',
      ...Y,
      '--counsellor',
      'c-1',
      '--birth-date',
      '2004-03-15',
      '--on',
      '2025-01-06',
    )
    expect(createdLines(registered.out)).toEqual(['created journey y-new', 'created follow-up fu-1'])

    const offered = await ok(
      ...C,
      'offer',
      ...Y,
      '--theme',
      'housing',
      '--respond-by',
      '2025-02-01',
      '--on',
      '2025-01-07',
      '--command-id',
      'cmd-offer',
    )
    const [line] = createdLines(offered.out)
    expect(line).toMatch(/^created proposal p-[0-9a-f]{8}$/)
    const proposal = (line as string).slice('created proposal '.length)
    // The same command again: nothing new, and the id it created the first time.
    const again = await ok(
      ...C,
      'offer',
      ...Y,
      '--theme',
      'housing',
      '--respond-by',
      '2025-02-01',
      '--on',
      '2025-01-07',
      '--command-id',
      'cmd-offer',
      '--json',
    )
    expect(createdJson(again.out)).toEqual([{ kind: 'proposal', id: proposal }])
    expect((JSON.parse(again.out) as { replayed: boolean }).replayed).toBe(true)
    await ok(...C, 'accept', ...Y, '--proposal', proposal, '--on', '2025-01-08')

    await ok(...C, 'diagnostic', ...Y, '--on', '2025-01-08')
    const cases: Array<[string[], string]> = [
      [['request', ...Y, '--theme', 'housing'], 'request'],
      [['programme', 'enter', ...Y, '--programme', 'PACEA', '--until', '2026-01-06'], 'programme'],
      [['programme', 'phase', 'start', ...Y, '--until', '2025-06-30'], 'phase'],
      [['follow-up', 'schedule', ...Y, '--due', '2025-02-10'], 'follow-up'],
      [['training', 'start', ...Y, '--until', '2025-06-30'], 'training'],
      [['situation', 'start', ...Y, '--kind', 'volunteering', '--until', '2025-04-30'], 'situation'],
    ]
    for (const [argv, kind] of cases) {
      const text = await ok(...C, ...argv, '--on', '2025-01-09')
      const lines = createdLines(text.out)
      expect(lines.length, argv.join(' ')).toBeGreaterThan(0)
      expect(lines[0], argv.join(' ')).toMatch(new RegExp(`^created ${kind} \\S+$`))
    }
    const json = await ok(
      ...C,
      'employment',
      'start',
      ...Y,
      '--contract',
      'CDI',
      '--on',
      '2025-01-10',
      '--json',
    )
    expect(createdJson(json.out)).toEqual([
      { kind: 'employment', id: expect.stringMatching(/^e-[0-9a-f]{8}$/) as string },
    ])
  })

  it('prints the CEJ activity and breach it records', async () => {
    const Z = ['--youth', 'y-cej', '--mission-locale', 'ml-a']
    await ok(
      ...C,
      'register',
      ...Z,
      '--counsellor',
      'c-1',
      '--birth-date',
      '2004-03-15',
      '--on',
      '2025-01-06',
    )
    await ok(
      ...C,
      'programme',
      'enter',
      ...Z,
      '--programme',
      'CEJ',
      '--until',
      '2025-12-31',
      '--on',
      '2025-01-06',
    )
    const declared = await ok(
      ...C,
      'cej',
      'declare',
      ...Z,
      '--kind',
      'training',
      '--from',
      '2025-01-13',
      '--to',
      '2025-02-09',
      '--hours',
      '20',
      '--on',
      '2025-01-08',
    )
    expect(createdLines(declared.out)).toEqual([expect.stringMatching(/^created activity a-[0-9a-f]{8}$/)])
    const breach = await ok(
      ...C,
      'cej',
      'breach',
      ...Z,
      '--kind',
      'unjustified-absence',
      '--on',
      '2025-02-17',
      '--json',
    )
    // The breach, and the follow-ups the policy schedules for its hearing.
    expect(createdJson(breach.out)).toEqual(
      expect.arrayContaining([{ kind: 'breach', id: expect.stringMatching(/^b-[0-9a-f]{8}$/) as string }]),
    )
  })

  it('creates nothing, and says nothing of it, when a rule refuses', async () => {
    const refused = await parcours(
      ...C,
      'offer',
      '--youth',
      'y-none',
      '--mission-locale',
      'ml-a',
      '--theme',
      'housing',
      '--respond-by',
      '2025-02-01',
    )
    expect(refused.code).toBe(1)
    expect(createdLines(refused.out)).toEqual([])
  })
})
