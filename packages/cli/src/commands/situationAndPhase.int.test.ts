import { afterAll, describe, expect, it } from 'vitest'
import { inProcessCli } from '../testing/inProcessCli.js'

// `programme phase start|end` and `situation start|end|renew`, run in-process on a SQLite store in a temporary folder.
const { parcours, ok, remove } = inProcessCli('parcours-situations-', 'sqlite:journeys.db')
afterAll(remove)

const written = async (...argv: string[]) =>
  (JSON.parse((await ok(...argv, '--json')).out) as { events: Array<{ type: string }> }).events.map(
    (e) => e.type,
  )
const Y = ['--youth', 'y-p', '--mission-locale', 'ml-p']

describe('PACEA phases and other situations from the command line', () => {
  it('programme phase start: starts a phase of the open PACEA, and refuses one too late after the signature', async () => {
    await ok('register', ...Y, '--counsellor', 'c-1', '--birth-date', '2004-05-10', '--on', '2025-01-06')
    await ok('diagnostic', ...Y, '--on', '2025-01-10')
    await ok(
      'programme',
      'enter',
      ...Y,
      '--programme',
      'PACEA',
      '--until',
      '2026-01-10',
      '--on',
      '2025-01-15',
    )
    const late = await parcours(
      'programme',
      'phase',
      'start',
      ...Y,
      '--phase',
      'ph-0',
      '--until',
      '2025-05-01',
      '--on',
      '2025-02-16',
    )
    expect([late.code, late.err]).toEqual([1, expect.stringContaining('FirstPhaseTooLate')])
    expect(
      await written(
        'programme',
        'phase',
        'start',
        ...Y,
        '--phase',
        'ph-1',
        '--until',
        '2025-05-01',
        '--on',
        '2025-02-01',
      ),
    ).toContain('PaceaPhaseStarted')
    const second = await parcours(
      'programme',
      'phase',
      'start',
      ...Y,
      '--until',
      '2025-06-01',
      '--on',
      '2025-03-01',
    )
    expect([second.code, second.err]).toEqual([1, expect.stringContaining('PhaseAlreadyRunning')])
  })

  it('programme phase end: ends the running phase, once', async () => {
    expect(
      await written(
        'programme',
        'phase',
        'end',
        ...Y,
        '--phase',
        'ph-1',
        '--on',
        '2025-05-01',
        '--command-id',
        'end-ph-1',
      ),
      // what fell due since the last command (reminders, overdue follow-ups) is recorded first
    ).toContain('PaceaPhaseEnded')
    expect(
      (
        await ok(
          'programme',
          'phase',
          'end',
          ...Y,
          '--phase',
          'ph-1',
          '--on',
          '2025-05-01',
          '--command-id',
          'end-ph-1',
        )
      ).out,
    ).toContain('already handled')
    const again = await parcours('programme', 'phase', 'end', ...Y, '--phase', 'ph-1', '--on', '2025-05-02')
    expect([again.code, again.err]).toEqual([1, expect.stringContaining('PhaseAlreadyEnded')])
  })

  it('situation start: an immersion of 1 month at most, a volunteering, a schooling', async () => {
    const long = await parcours(
      'situation',
      'start',
      ...Y,
      '--situation',
      's-0',
      '--kind',
      'immersion',
      '--until',
      '2025-07-02',
      '--on',
      '2025-06-01',
    )
    expect([long.code, long.err]).toEqual([1, expect.stringContaining('ImmersionTooLong')])
    expect(
      await written(
        'situation',
        'start',
        ...Y,
        '--situation',
        's-1',
        '--kind',
        'immersion',
        '--until',
        '2025-06-20',
        '--on',
        '2025-06-01',
      ),
    ).toContain('SituationStarted')
    expect(
      await written(
        'situation',
        'start',
        ...Y,
        '--situation',
        's-2',
        '--kind',
        'volunteering',
        '--until',
        '2026-01-01',
        '--on',
        '2025-07-01',
      ),
    ).toContain('SituationStarted')
    const badKind = await parcours('situation', 'start', ...Y, '--kind', 'sailing', '--until', '2025-07-01')
    expect([badKind.code, badKind.err]).toEqual([
      2,
      expect.stringMatching(/--kind.*immersion, volunteering, schooling/),
    ])
  })

  it('situation renew: renews an immersion once', async () => {
    expect(
      await written(
        'situation',
        'renew',
        ...Y,
        '--situation',
        's-1',
        '--until',
        '2025-07-15',
        '--on',
        '2025-06-18',
      ),
    ).toContain('ImmersionRenewed')
    const twice = await parcours(
      'situation',
      'renew',
      ...Y,
      '--situation',
      's-1',
      '--until',
      '2025-07-20',
      '--on',
      '2025-06-19',
    )
    expect([twice.code, twice.err]).toEqual([1, expect.stringContaining('ImmersionAlreadyRenewed')])
  })

  it('situation end: ends a situation; the timeline shows every step', async () => {
    expect(await written('situation', 'end', ...Y, '--situation', 's-1', '--on', '2025-07-15')).toContain(
      'SituationEnded',
    )
    const before = await parcours('situation', 'end', ...Y, '--situation', 's-2', '--on', '2025-06-30')
    expect([before.code, before.err]).toEqual([1, expect.stringContaining('EndBeforeStart')])
    const shown = JSON.parse((await ok('show', ...Y, '--json')).out) as { items: Array<{ type: string }> }
    const types = shown.items.map((i) => i.type)
    for (const type of [
      'PaceaPhaseStarted',
      'PaceaPhaseEnded',
      'SituationStarted',
      'ImmersionRenewed',
      'SituationEnded',
    ])
      expect(types).toContain(type)
  })
})
