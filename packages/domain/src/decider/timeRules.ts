import { addDays } from '../model/calendar.js'
import type { JourneyEvent } from '../model/events.js'
import type { FollowUpId, ProposalId } from '../model/ids.js'
import { journeyAgeLimitOn } from '../model/state.js'
import type { ProgrammeExitReason } from '../model/vocabulary.js'
import { closingEvents } from './closing.js'
import type { Rule } from './decision.js'
import { accept, stamp } from './decision.js'
import { foldJourney } from './evolve.js'
import { programmeAgeLimitOn } from './programmes.js'
import { hasExpired } from './proposals.js'

// ---------------------------------------------------------------------------------------------
// The time-driven decisions, as of the command's `on` (the domain never reads the clock):
// overdue follow-ups, expired proposals, programme term, age limit.
// ---------------------------------------------------------------------------------------------

/** Apply every time-driven rule that is due on `on`; nothing when none is. */
export const applyTimeRules: Rule<'ApplyTimeRules'> = (c, s, policy) => {
  const on = c.on
  const due: JourneyEvent[] = Object.entries(s.followUps)
    .filter(([, f]) => f.status === 'pending' && !f.overdue && f.dueOn <= on)
    .map(([id, f]) => ({
      type: 'FollowUpDue',
      ...stamp(s, on),
      followUpId: id as FollowUpId,
      dueOn: f.dueOn,
    }))
  const expired: JourneyEvent[] = Object.entries(s.proposals)
    .filter(([, p]) => hasExpired(p, on, policy))
    .map(([id, p]) => ({
      type: 'ProposalOutcomeRecorded',
      ...stamp(s, on),
      proposalId: id as ProposalId,
      theme: p.theme,
      outcome: 'expired',
      offeredOn: p.offeredOn,
    }))
  const programmeEnd: JourneyEvent[] = []
  if (s.programme !== null) {
    const termPassedOn = addDays(s.programme.plannedEndOn, 1)
    const ageLimitOn = programmeAgeLimitOn(s, s.programme.programme)
    const reason: ProgrammeExitReason | null =
      ageLimitOn <= on && ageLimitOn <= termPassedOn
        ? 'age-limit'
        : termPassedOn <= on
          ? 'term-reached'
          : null
    if (reason !== null)
      programmeEnd.push({
        type: 'ProgrammeExited',
        ...stamp(s, on),
        programme: s.programme.programme,
        reason,
      })
  }
  const before = [...due, ...expired, ...programmeEnd]
  if (on < journeyAgeLimitOn(s)) return accept(...before)
  const reached = foldJourney(before, s)
  return reached.status === 'unregistered'
    ? accept(...before)
    : accept(...before, ...closingEvents(reached, on, 'age-limit', null, 'age-limit'))
}
