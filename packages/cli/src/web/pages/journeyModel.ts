import { isLeft } from 'fp-ts/lib/Either.js'
import {
  cejWeeks,
  defaultCejHoursPolicy,
  entryOf,
  foldJourney,
  journeyStreamName,
  nextFollowUp,
  type Actor,
  type CejWeek,
  type LocalDate,
  type StatementRow,
  type YouthId,
} from '@parcours/domain'
import { allowanceRows } from '../../cej/cejSection.js'
import { usageError } from '../../cli/errors.js'
import { journeyFailure } from '../../store/errors.js'
import { readJourneyView, type JourneyViewItem, type Shown } from '../../store/journeyView.js'
import type { YouthName } from '../../store/youthNames.js'
import { journeyChoicesOf } from './formModel.js'
import type { OpenProposal, OpenSession } from './formSpecs.js'
import type { PageHandles } from './worklistModel.js'

// ---------------------------------------------------------------------------------------------
// model: one journey as its page shows it — where it stands (programme, next appointment, open
// proposals and sessions), its timeline with what the reader may open, the CEJ's hours and
// allowance
// ---------------------------------------------------------------------------------------------

/** A CEJ contract: its dates and its weeks' hours. */
export interface CejContractModel {
  readonly enteredOn: string
  readonly exitedOn: string | null
  readonly weeks: ReadonlyArray<CejWeek>
}

/** The journey page's model. */
export interface JourneyModel {
  readonly youthId: string
  readonly missionLocaleId: string
  readonly counsellorId: string
  readonly name: YouthName
  readonly status: 'open' | 'closed'
  readonly registeredOn: string
  readonly closedOn: string | null
  readonly exitReason: string | null
  readonly programme: {
    readonly programme: string
    readonly enteredOn: string
    readonly plannedEndOn: string
  } | null
  readonly next: { readonly followUpId: string; readonly dueOn: string; readonly kind: string } | null
  readonly proposals: ReadonlyArray<OpenProposal>
  readonly sessions: ReadonlyArray<OpenSession>
  readonly timeline: ReadonlyArray<JourneyViewItem>
  readonly cej: {
    readonly contracts: ReadonlyArray<CejContractModel>
    /** Each month's allowance, or null when the reader may not see the amounts. */
    readonly allowance: ReadonlyArray<StatementRow> | null
  } | null
  /** The reader may send commands to this journey (their own journeys: a counsellor). */
  readonly mayAct: boolean
  readonly asOf: string
}

/** The identity as opened by the journey view, as a name. */
export const nameOfIdentity = (identity: Shown, erased: boolean): YouthName => {
  if (erased || identity === 'erased') return { kind: 'erased' }
  if (identity === 'withheld') return { kind: 'withheld' }
  if (typeof identity !== 'object' || identity === null) return { kind: 'none' }
  const { firstName, lastName } = identity
  return firstName === undefined && lastName === undefined
    ? { kind: 'none' }
    : { kind: 'named', firstName: firstName ?? '', lastName: lastName ?? '' }
}

/**
 * A journey for `actor` (the access policy decides; what they may open is opened through the
 * vault and recorded in the access log before the model is returned).
 */
export const buildJourneyModel = async (
  h: PageHandles,
  actor: Actor,
  youthId: string,
  query: { readonly asOf: string },
): Promise<JourneyModel> => {
  const session = { actor, policy: h.policy }
  const view = await readJourneyView(h.env, h.sink, session, youthId as YouthId, undefined)
  const stream = await h.env.store.readStream(journeyStreamName(youthId as YouthId))()
  if (isLeft(stream)) throw journeyFailure(stream.left)
  const state = foldJourney(stream.right.map((r) => r.event))
  // the view found the journey: a stream read just after holds it too
  if (state.status === 'unregistered') throw usageError(`no journey ${youthId}.`)
  const asOf = query.asOf as LocalDate
  const next = nextFollowUp(state, asOf)
  const ledger = view.cej?.ledger
  return {
    youthId,
    missionLocaleId: view.missionLocaleId,
    counsellorId: state.counsellorId,
    name: nameOfIdentity(view.identity, view.erased),
    status: state.status,
    registeredOn: state.heldSince,
    closedOn: state.closedOn,
    exitReason: state.exitReason,
    programme: state.programme,
    next:
      next === null
        ? null
        : { ...next, kind: entryOf(state.followUps, next.followUpId)?.kind ?? 'individual-interview' },
    ...journeyChoicesOf(state),
    timeline: view.items,
    cej:
      ledger === undefined || ledger.contracts.length === 0
        ? null
        : {
            contracts: ledger.contracts.map((c) => ({
              enteredOn: c.enteredOn,
              exitedOn: c.exitedOn,
              weeks: cejWeeks(ledger, asOf, defaultCejHoursPolicy).filter(
                (w) => w.contractEnteredOn === c.enteredOn,
              ),
            })),
            allowance: view.openBasis === null ? null : allowanceRows(ledger, asOf, view.openBasis),
          },
    mayAct: actor.kind === 'counsellor' && state.status === 'open',
    asOf,
  }
}
