import { describe, expect, it } from 'vitest'
import { foldEvents } from '../model/projection.js'
import { type JourneyBuilder, journey, record } from '../testing/journeyBuilder.js'
import { queryTimeline } from './queryTimeline.js'
import { timelineProjection } from './timelineProjection.js'

const build = (...journeys: ReadonlyArray<JourneyBuilder>) =>
  foldEvents(timelineProjection, record(journeys.map((j) => j.events)))

describe('timeline', () => {
  const y1 = () =>
    journey('y1', 'A', 'a1')
      .register('2025-01-10')
      .diagnostic('2025-01-20')
      .offer('2025-01-21', 'p1', 'training', '2025-02-01')

  it("lists a journey's events in stream order, with sealed fields shown as sealed and no ciphertext", () => {
    const t = queryTimeline(build(y1()), { missionLocaleId: 'A', youthId: 'y1' })
    expect(t?.items.map((i) => [i.revision, i.on, i.type])).toEqual([
      [0, '2025-01-10', 'YouthRegistered'],
      [1, '2025-01-20', 'DiagnosticCompleted'],
      [2, '2025-01-21', 'ProposalOffered'],
    ])
    expect(t?.items[0]?.details.personalData).toBe('sealed')
    expect(t?.items[1]?.details.comment).toBe('sealed')
    expect(t?.items[2]?.details).toMatchObject({
      proposalId: 'p1',
      theme: 'training',
      respondBy: '2025-02-01',
    })
    expect(JSON.stringify(build(y1()))).not.toContain('Y2lwaGVy')
  })

  it('shows PACEA phases and other situations (immersion, renewal, volunteering, schooling)', () => {
    const y = y1()
      .programme('2025-02-01', 'PACEA', '2026-02-01')
      .phase('2025-02-10', 'ph1', '2025-06-30')
      .phaseEnded('2025-06-30', 'ph1')
      .situation('2025-03-03', 's1', 'immersion', '2025-03-28')
      .renewed('2025-03-20', 's1', '2025-04-25')
      .situationEnded('2025-04-25', 's1', 'immersion')
      .situation('2025-09-01', 's2', 'schooling', '2026-06-30')
    const items = queryTimeline(build(y), { missionLocaleId: 'A', youthId: 'y1' })?.items ?? []
    expect(items.slice(3).map((i) => i.type)).toEqual([
      'ProgrammeEntered',
      'PaceaPhaseStarted',
      'PaceaPhaseEnded',
      'SituationStarted',
      'ImmersionRenewed',
      'SituationEnded',
      'SituationStarted',
    ])
    expect(items[4]?.details).toEqual({ phaseId: 'ph1', plannedEndOn: '2025-06-30' })
    expect(items[7]?.details).toEqual({ situationId: 's1', plannedEndOn: '2025-04-25' })
    expect(items[9]?.details).toEqual({ situationId: 's2', kind: 'schooling', plannedEndOn: '2026-06-30' })
  })

  it('shows sealed fields as erased once the key is erased', () => {
    const t = queryTimeline(build(y1().erase('2025-03-01')), { missionLocaleId: 'A', youthId: 'y1' })
    expect(t?.erased).toBe(true)
    expect(t?.items[0]?.details.personalData).toBe('erased')
    expect(t?.items[2]?.details.theme).toBe('training')
  })

  it("is undefined for another mission locale's young person, and follows a transfer", () => {
    const rm = build(y1(), journey('y2', 'B').register('2025-01-10'))
    expect(queryTimeline(rm, { missionLocaleId: 'B', youthId: 'y1' })).toBeUndefined()
    expect(queryTimeline(rm, { missionLocaleId: 'A', youthId: 'nobody' })).toBeUndefined()
    const moved = build(y1().transfer('2025-04-01', 'B', 'b1'))
    expect(queryTimeline(moved, { missionLocaleId: 'A', youthId: 'y1' })).toBeUndefined()
    expect(queryTimeline(moved, { missionLocaleId: 'B', youthId: 'y1' })?.items).toHaveLength(4)
  })
})
