import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Actor,
  defaultAccessPolicy,
  JourneyEvent as JourneyEventCodec,
  type JourneyEventType,
} from '@parcours/domain'
import { type DocMap, docEntries, docMapOf } from '../../model/docMap.js'
import { foldEvents } from '../../model/projection.js'
import { arbHistory } from '../../testing/arbitraries.js'
import { journey, record } from '../../testing/journeyBuilder.js'
import { type FeedDoc, feedHead, noticeAt, partnerFeedProjection } from './feedProjection.js'
import { noticeOfEventType } from './notices.js'
import { type PartnerActor, queryFeedPage } from './queryFeed.js'

const docs = (rm: DocMap<object>) => Object.fromEntries(docEntries(rm))
const persisted = (rm: DocMap<FeedDoc>) =>
  docMapOf([...docEntries(rm)].map(([k, v]) => [k, JSON.parse(JSON.stringify(v)) as FeedDoc] as const))
const notices = (rm: DocMap<FeedDoc>) =>
  Array.from({ length: feedHead(rm) }, (_, i) => noticeAt(rm, i + 1)).filter((n) => n !== undefined)

const partner = (missionLocaleIds: string[], journeyFacts = true): PartnerActor =>
  ({
    kind: 'partner',
    id: 'app-cej',
    convention: {
      conventionId: 'cv-1',
      missionLocaleIds,
      journeyFacts,
      identity: true,
      aggregates: true,
      commands: [],
    },
  }) as unknown as Extract<Actor, { kind: 'partner' }>

const sample = () =>
  record(
    [
      journey('y1', 'A')
        .register('2025-01-10')
        .schedule('2025-01-10', 'f1', '2025-02-01')
        .kept('2025-02-01', 'f1')
        .schedule('2025-02-01', 'f2', '2025-03-01')
        .cancelled('2025-02-03', 'f2')
        .offer('2025-02-04', 'p1', 'training', '2025-03-01')
        .transfer('2025-02-10', 'B', 'b1')
        .close('2025-04-19', 'age-limit').events,
      journey('y2', 'B').register('2025-01-11').prescribe('2025-01-12', 's1', 'workshop', '2025-01-20')
        .events,
    ],
    [0, 1, 0, 0, 1, 0, 0, 0, 0, 0],
  )

describe('the partner feed projection', () => {
  it("gives i-milo's notices, numbered in the log's order", () => {
    const rm = foldEvents(partnerFeedProjection, sample())
    expect(notices(rm).map((n) => [n.position, n.journey, n.object, n.objectId, n.action, n.date])).toEqual([
      [1, 'y1', 'journey', null, 'created', '2025-01-10'],
      [2, 'y2', 'journey', null, 'created', '2025-01-11'],
      [3, 'y1', 'appointment', 'f1', 'created', '2025-01-10'],
      [4, 'y1', 'appointment', 'f1', 'updated', '2025-02-01'],
      [5, 'y2', 'session', 's1', 'created', '2025-01-12'],
      [6, 'y1', 'appointment', 'f2', 'created', '2025-02-01'],
      [7, 'y1', 'appointment', 'f2', 'deleted', '2025-02-01'], // a closure cancels too: its month only
      [8, 'y1', 'proposal', 'p1', 'created', '2025-02-04'],
      [9, 'y1', 'journey', null, 'updated', '2025-02-10'],
      // An age-out falls on the 26th birthday: a closure's notice carries its month only.
      [10, 'y1', 'journey', null, 'archived', '2025-04-01'],
    ])
    expect(noticeAt(rm, 3)?.id).toBe('y1:1')
    expect(noticeAt(rm, 9)?.missionLocaleIds).toEqual(['A', 'B'])
  })

  it('never copies a field of the event: no sealed identity, no comment', () => {
    const kept = journey('y1', 'A').register('2025-01-10').schedule('2025-01-10', 'f1', '2025-02-01').events
    const withComment = [
      ...kept,
      {
        type: 'FollowUpKept',
        youthId: 'y1',
        missionLocaleId: 'A',
        on: '2025-02-01',
        followUpId: 'f1',
        comment: { keyId: 'k', alg: 'A256GCM', iv: 'aXY=', ciphertext: 'c2VjcmV0', tag: 'dGFn' },
      },
    ]
    expect(withComment.every((e) => JourneyEventCodec.is(e))).toBe(true)
    const text = JSON.stringify(docs(foldEvents(partnerFeedProjection, record([withComment as never]))))
    expect(text).not.toContain('c2VjcmV0')
    expect(text).not.toContain('Y2lwaGVy') // the builder's sealed identity
    expect(text).not.toContain('comment')
  })

  it('makes no second notice for an event delivered twice', () => {
    const log = sample()
    const once = foldEvents(partnerFeedProjection, log)
    const twice = foldEvents(partnerFeedProjection, [...log.slice(0, 6), ...log.slice(2, 6), ...log.slice(6)])
    expect(docs(twice)).toEqual(docs(once))
  })

  it('places every event type: a notice or, for the clock and the CEJ allowance and sanctions, none', () => {
    const silent = Object.entries(noticeOfEventType)
      .filter(([, rule]) => rule === null)
      .map(([type]) => type as JourneyEventType)
    expect(silent.sort()).toEqual(
      [
        'CejAllowanceSet',
        'CejBreachRecorded',
        'CejHearingHeld',
        'CejSanctionDecided',
        'CejWaitingPeriodShortened',
        'FollowUpDue',
        'FollowUpReminderDue',
        'SessionReminderDue',
      ].sort(),
    )
    expect(Object.keys(noticeOfEventType).sort()).toEqual(JourneyEventCodec.types.map((c) => c.name).sort())
  })

  it("shows a partner only its convention's mission locales, transfers from them included", () => {
    const rm = foldEvents(partnerFeedProjection, sample())
    const ofA = queryFeedPage(rm, defaultAccessPolicy, partner(['A']), { after: 0, limit: 100 })
    expect(ofA.notices.map((n) => n.position)).toEqual([1, 3, 4, 6, 7, 8, 9])
    const ofB = queryFeedPage(rm, defaultAccessPolicy, partner(['B']), { after: 0, limit: 100 })
    expect(ofB.notices.map((n) => n.position)).toEqual([2, 5, 9, 10])
    expect(ofB.notices[0]).toEqual({
      position: 2,
      id: 'y2:0',
      journey: 'y2',
      object: 'journey',
      objectId: null,
      action: 'created',
      date: '2025-01-11',
    })
    const none = queryFeedPage(rm, defaultAccessPolicy, partner(['A', 'B'], false), { after: 0, limit: 100 })
    expect(none).toEqual({ notices: [], last: 10, head: 10 })
  })

  it('pages after a position; a page covers the notices the partner may not see', () => {
    const rm = foldEvents(partnerFeedProjection, sample())
    const page = queryFeedPage(rm, defaultAccessPolicy, partner(['B']), { after: 2, limit: 1 })
    expect([page.notices.map((n) => n.position), page.last]).toEqual([[5], 5])
    const tail = queryFeedPage(rm, defaultAccessPolicy, partner(['A']), { after: 9, limit: 5 })
    expect(tail).toEqual({ notices: [], last: 10, head: 10 })
    const bounded = queryFeedPage(rm, defaultAccessPolicy, partner(['B']), { after: 2, limit: 5, scan: 2 })
    expect([bounded.notices.map((n) => n.position), bounded.last]).toEqual([[], 4])
  })
})

describe('the partner feed on generated histories', () => {
  it('built in increments through a sink equals a rebuild from zero', () => {
    fc.assert(
      fc.property(arbHistory(), fc.array(fc.nat(), { maxLength: 6 }), (h, cutSeeds) => {
        const n = h.recorded.length
        const cuts = [...new Set(cutSeeds.map((c) => c % (n + 1)))].sort((a, b) => a - b)
        let rm = partnerFeedProjection.initial
        let from = 0
        for (const cut of [...cuts, n]) {
          rm = persisted(foldEvents(partnerFeedProjection, h.recorded.slice(from, cut), rm))
          from = cut
        }
        expect(docs(rm)).toEqual(docs(foldEvents(partnerFeedProjection, h.recorded)))
      }),
      { numRuns: 40 },
    )
  })

  it("keeps each journey's notices in its stream's order, with no gap in the feed's positions", () => {
    fc.assert(
      fc.property(arbHistory(), (h) => {
        const all = notices(foldEvents(partnerFeedProjection, h.recorded))
        expect(all.map((x) => x.position)).toEqual(all.map((_, i) => i + 1))
        for (const events of h.journeys) {
          const revisions = all
            .filter((x) => x.journey === events[0]?.youthId)
            .map((x) => Number(x.id.split(':')[1]))
          expect(revisions).toEqual([...revisions].sort((a, b) => a - b))
          const expected = events.flatMap((e, i) => (noticeOfEventType[e.type] === null ? [] : [i]))
          expect(revisions).toEqual(expected)
        }
      }),
      { numRuns: 40 },
    )
  })

  it('leaves the read model it starts from as it was', () => {
    fc.assert(
      fc.property(arbHistory(), fc.nat(), (h, seed) => {
        const cut = seed % (h.recorded.length + 1)
        const start = foldEvents(partnerFeedProjection, h.recorded.slice(0, cut))
        const before = JSON.stringify(docs(start))
        partnerFeedProjection.applyBatch(start, h.recorded.slice(cut))
        expect(JSON.stringify(docs(start))).toBe(before)
      }),
      { numRuns: 30 },
    )
  })
})
