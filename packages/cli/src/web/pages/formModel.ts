import { isLeft } from 'fp-ts/lib/Either.js'
import {
  foldJourney,
  journeyStreamName,
  missionLocaleOf,
  type Actor,
  type RegisteredJourney,
  type YouthId,
} from '@parcours/domain'
import { usageError } from '../../cli/errors.js'
import { authorize, journeyRefOf } from '../../store/access.js'
import { journeyFailure } from '../../store/errors.js'
import type { FormError, FormModel } from './commandForm.js'
import type { FormName, JourneyChoices, OpenPartnerOffer } from './formSpecs.js'
import type { PageHandles } from './worklistModel.js'

// ---------------------------------------------------------------------------------------------
// model: a journey form, blank (with defaults) or as sent back after a refusal — the journey's
// open proposals and sessions to choose from, nothing personal
// ---------------------------------------------------------------------------------------------

/** What the server gives a form: the values sent (or none), the refusal, today's date. */
export interface FormRequest {
  readonly values?: Readonly<Record<string, string>>
  readonly error?: FormError
  /** The default date of the act. */
  readonly today: string
  /** The open France Travail offers the offer form lets the counsellor link (none: no such field choices). */
  readonly partnerOffers?: ReadonlyArray<OpenPartnerOffer>
}

/** The journey's open proposals and the sessions whose attendance is not recorded yet. */
export const journeyChoicesOf = (
  state: RegisteredJourney,
): Required<Omit<JourneyChoices, 'partnerOffers'>> => ({
  proposals: Object.entries(state.proposals).flatMap(([proposalId, p]) =>
    p.status === 'closed'
      ? []
      : [{ proposalId, theme: p.theme, offeredOn: p.offeredOn, respondBy: p.respondBy, status: p.status }],
  ),
  sessions: Object.entries(state.sessions).flatMap(([sessionId, x]) =>
    x.outcome === null ? [{ sessionId, kind: x.kind, heldOn: x.heldOn }] : [],
  ),
})

/**
 * A form of `youthId`'s journey (or the registration form, with no journey) for `actor`: the
 * access policy must let them read the journey (another mission locale's is refused).
 */
export const buildFormModel = async (
  h: Pick<PageHandles, 'env' | 'policy'>,
  actor: Actor,
  form: FormName,
  youthId: string | undefined,
  r: FormRequest,
): Promise<FormModel> => {
  const error = r.error === undefined ? {} : { error: r.error }
  if (form === 'register' || youthId === undefined)
    return {
      missionLocaleId: missionLocaleOf(actor) ?? '',
      values: {
        on: r.today,
        ...(actor.kind === 'counsellor' ? { counsellorId: actor.id } : {}),
        ...r.values,
      },
      ...error,
    }
  const journey = await journeyRefOf(h.env, youthId as YouthId)
  authorize({ actor, policy: h.policy }, { kind: 'read-journey', purpose: 'show', journey })
  const read = await h.env.store.readStream(journeyStreamName(youthId as YouthId))()
  if (isLeft(read)) throw journeyFailure(read.left)
  const state = foldJourney(read.right.map((x) => x.event))
  if (state.status === 'unregistered') throw usageError(`no journey ${youthId}.`)
  const defaults: Record<string, string> = {
    on: r.today,
    ...(form === 'offer' ? { proposalId: `p${Object.keys(state.proposals).length + 1}` } : {}),
    ...(form === 'appointment' ? { followUpId: `f${state.followUpCount + 1}` } : {}),
  }
  return {
    youthId,
    missionLocaleId: state.missionLocaleId,
    values: { ...defaults, ...r.values },
    choices: {
      ...journeyChoicesOf(state),
      ...(form === 'offer' && r.partnerOffers !== undefined ? { partnerOffers: r.partnerOffers } : {}),
    },
    ...error,
  }
}
