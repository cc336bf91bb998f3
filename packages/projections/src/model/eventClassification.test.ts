import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { JourneyEvent } from '@parcours/domain'
import { arbAnyEvent } from '@parcours/domain/testing'
import { journey } from '../testing/journeyBuilder.js'
import { eventInvolvement, involvementOf, involvements, isContact } from './eventClassification.js'

const y = () => journey('y1', 'A').register('2025-01-10')
const last = (b: ReturnType<typeof y>) => {
  const e = b.events[b.events.length - 1]
  if (e === undefined) throw new Error('no event')
  return e
}

describe('event classification', () => {
  it('classifies every event type of the codec, and nothing else', () => {
    const types = JourneyEvent.types.map((c) => c.name).sort()
    expect(Object.keys(eventInvolvement).sort()).toEqual(types)
  })

  it('counts as contact a reception, a request, a kept follow-up, a proposal and a situation entered', () => {
    expect(involvementOf(last(y()))).toBe('contact')
    for (const b of [
      y().request('2025-01-10', 'r1'),
      y().kept('2025-01-20', 'f1'),
      y().offer('2025-01-20', 'p1', 'training', '2025-02-20'),
      y().accept('2025-01-22', 'p1', 'training'),
      y().outcome('2025-01-25', 'p1', 'training', 'carried-out', '2025-01-20'),
      y().outcome('2025-01-25', 'p1', 'training', 'refused-by-youth', '2025-01-20'),
      y().training('2025-02-01', 't1'),
      y().employment('2025-02-01', 'e1', true),
      y().situation('2025-02-01', 's1', 'immersion', '2025-02-20'),
      y().programme('2025-02-01', 'CEJ', '2026-02-01'),
      y().close('2025-03-01', 'moved-away').reopen('2025-04-01'),
      y().prescribe('2025-01-20', 's1', 'workshop', '2025-02-01'),
      y().sessionOutcome('2025-02-01', 's1', 'workshop', '2025-02-01', 'carried-out'),
      y().sessionOutcome('2025-01-25', 's1', 'workshop', '2025-02-01', 'refused-by-youth'),
    ])
      expect([last(b).type, involvementOf(last(b))]).toEqual([last(b).type, 'contact'])
  })

  it('counts no missed appointment, no automatic expiry, no overdue follow-up and no closure', () => {
    expect(involvementOf(last(y().missed('2025-01-20', 'f1')))).toBe('absence')
    // an absent registrant's session is recorded as refused by the young person, on or after it
    expect(
      involvementOf(
        last(y().sessionOutcome('2025-02-02', 's1', 'workshop', '2025-02-01', 'refused-by-youth')),
      ),
    ).toBe('absence')
    expect(involvementOf(last(y().reminder('2025-01-25', 'f1', '2025-02-01', 7)))).toBe('time-driven')
    expect(
      involvementOf(
        last(y().outcome('2025-03-01', 'p1', 'training', 'closed-without-follow-up', '2025-01-20')),
      ),
    ).toBe('record')
    expect(involvementOf(last(y().due('2025-01-21', 'f1', '2025-01-20')))).toBe('time-driven')
    expect(involvementOf(last(y().outcome('2025-02-21', 'p1', 'training', 'expired', '2025-01-20')))).toBe(
      'time-driven',
    )
    expect(
      involvementOf(
        last(y().outcome('2025-02-21', 'p1', 'training', 'refused-by-third-party', '2025-01-20')),
      ),
    ).toBe('record')
    expect(involvementOf(last(y().close('2025-03-01', 'lost-contact')))).toBe('record')
    expect(involvementOf(last(y().close('2025-03-01', 'age-limit')))).toBe('time-driven')
    expect(involvementOf(last(y().exitProgramme('2025-03-01', 'PACEA')))).toBe('record')
    for (const b of [
      y().schedule('2025-01-10', 'f1', '2025-02-01'),
      y().reschedule('2025-01-12', 'f1', '2025-02-03'),
      y().cancelled('2025-01-12', 'f1'),
      y().assign('2025-01-12', 'c2'),
      y().transfer('2025-01-12', 'B', 'b1'),
      y().erase('2025-01-12'),
      y().training('2025-02-01', 't1').trainingEnded('2025-03-01', 't1'),
      y().unspecified('2025-02-02', 'f1'),
      y().ongoingAtExit('2025-03-01', 't1', 'training', '2025-02-01'),
      y().sessionOutcome('2025-02-02', 's1', 'workshop', '2025-02-01', 'closed-without-follow-up'),
    ])
      expect(isContact(last(b))).toBe(false)
  })

  it('is total: every event gets one of the involvements', () => {
    fc.assert(
      fc.property(arbAnyEvent, (e) => {
        expect(involvements).toContain(involvementOf(e))
      }),
    )
  })
})
