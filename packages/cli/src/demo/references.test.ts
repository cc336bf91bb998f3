import { describe, expect, it } from 'vitest'
import {
  addMonths,
  foldJourney,
  journeyDecider,
  type JourneyEvent,
  type KeyId,
  type LocalDate,
  type RecordedEvent,
} from '@parcours/domain'
import { dashboardProjection, foldEvents, queryDashboard } from '@parcours/projections'
import type { SimulationPorts } from './ports.js'
import { compareWithReferences, lastFullYearCohort, referenceTable, references } from './references.js'
import { simulateNetwork } from './simulate.js'

/** Ports over the pure decider, recording the global log as a store would. */
const recordingPorts = () => {
  const streams = new Map<string, JourneyEvent[]>()
  const log: RecordedEvent<JourneyEvent>[] = []
  const ports: SimulationPorts = {
    send: async (commandId, command) => {
      const history = streams.get(command.youthId) ?? []
      const decision = journeyDecider.decide(command, foldJourney(history))
      if (decision._tag === 'Left') return { _tag: 'Refused', error: decision.left }
      streams.set(command.youthId, [...history, ...decision.right])
      decision.right.forEach((event, i) =>
        log.push({
          id: `${commandId}-${i}`,
          streamName: `journey-${command.youthId}`,
          revision: BigInt(history.length + i),
          position: BigInt(log.length + 1),
          event,
          schemaVersion: 1,
          metadata: {},
          recordedAt: '2026-01-01T00:00:00.000Z',
        }),
      )
      return { _tag: 'Accepted', events: decision.right }
    },
    journey: async (youthId) => foldJourney(streams.get(youthId) ?? []),
    seal: async (youthId) => ({
      keyId: `k-${youthId}` as KeyId,
      alg: 'A256GCM',
      iv: 'iv',
      ciphertext: 'c',
      tag: 't',
    }),
  }
  return { ports, log }
}

/** Share of the young people registered before `before` with ≥ 5 individual interviews in their first 12 months. */
const seenFive = (events: ReadonlyArray<JourneyEvent>, before: string): number => {
  const registeredOn = new Map<string, LocalDate>()
  const interviews = new Set<string>()
  const count = new Map<string, number>()
  for (const e of events) {
    if (e.type === 'YouthRegistered' && e.on < before) registeredOn.set(e.youthId, e.on)
    if (e.type === 'FollowUpScheduled' && e.kind === 'individual-interview')
      interviews.add(`${e.youthId}/${e.followUpId}`)
    const on = registeredOn.get(e.youthId)
    if (e.type === 'FollowUpKept' && on !== undefined && interviews.has(`${e.youthId}/${e.followUpId}`))
      if (e.on < addMonths(on, 12)) count.set(e.youthId, (count.get(e.youthId) ?? 0) + 1)
  }
  return [...registeredOn.keys()].filter((y) => (count.get(y) ?? 0) >= 5).length / registeredOn.size
}

describe('the published references', () => {
  it('takes for "seen 5 times" only the cohorts whose 12 months fall inside the period', () => {
    const d = (s: string) => s as LocalDate
    expect(lastFullYearCohort(d('2025-01-01'), d('2026-06-30'))).toBe('2025-06')
    expect(lastFullYearCohort(d('2025-01-01'), d('2026-01-30'))).toBe('2025-01')
    expect(lastFullYearCohort(d('2025-01-01'), d('2026-01-29'))).toBeNull()
    expect(lastFullYearCohort(d('2025-01-01'), d('2025-12-31'))).toBeNull()
  })

  it('puts the demo figures, recounted from its events, beside each reference and its source', async () => {
    const run = recordingPorts()
    const from = '2025-01-01' as LocalDate
    await simulateNetwork({ youths: 150, missions: 2, months: 14, start: from, seed: 3 }, run.ports)
    const rm = foldEvents(dashboardProjection, run.log)
    const cohort = lastFullYearCohort(from, '2026-02-28' as LocalDate)
    expect(cohort).toBe('2025-02')
    const rows = compareWithReferences(
      queryDashboard(rm),
      queryDashboard(rm, { from: '2025-01', to: '2025-02' }),
    )
    const closed = run.log.flatMap((l) => (l.event.type === 'JourneyClosed' ? [l.event.reason] : []))
    const share = (...reasons: string[]) => closed.filter((r) => reasons.includes(r)).length / closed.length
    expect(closed.length).toBeGreaterThan(10)
    expect(rows.map((r) => [r.indicator, r.demo])).toEqual([
      [references.positiveExits.indicator, share('durable-employment', 'qualifying-training')],
      [references.durableEmployment.indicator, share('durable-employment')],
      [references.otherEmployment.indicator, share('other-employment')],
      [references.qualifyingTraining.indicator, share('qualifying-training')],
      [
        references.seenFiveTimes.indicator,
        seenFive(
          run.log.map((l) => l.event),
          '2025-03-01',
        ),
      ],
    ])
    // The cohort of January and February 2025, and how many of them had 5 individual interviews.
    const registered = run.log.filter((l) => l.event.type === 'YouthRegistered' && l.event.on < '2025-03-01')
    expect(rows[4]?.over).toBe(`${registered.length} registered 2025-01 to 2025-02`)
    const table = referenceTable(rows)
    expect(table.rows).toHaveLength(5)
    for (const row of table.rows) expect(String(row[4]).length).toBeGreaterThan(10)
    expect(compareWithReferences(queryDashboard(rm), null)[4]).toMatchObject({ demo: null })
  })
})
