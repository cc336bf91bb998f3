// GET /journeys/:youthId: a journey as the actor may see it — its state and its timeline, sealed
// fields shown as `sealed` (or `erased`), and the identity opened when the access policy grants
// it, the opening recorded in the access log before anything is opened.

import { isLeft } from 'fp-ts/lib/Either.js'
import { currentIdentity, type PersonalFields } from '@parcours/adapters'
import { actorRef, decideAccess, foldJourney, YouthId, type Actor } from '@parcours/domain'
import { foldEvents, queryTimeline, timelineProjection, type TimelineItem } from '@parcours/projections'
import { readJourneyStream } from './journeyStream.js'
import type { Parcours } from './openParcours.js'
import { accessDenied, internalError, invalidInput, ProblemError, unavailable } from './problems.js'

/** A journey as GET /journeys/:youthId answers it. */
export interface JourneyAnswer {
  readonly youthId: string
  readonly revision: number
  readonly status: 'open' | 'closed'
  readonly missionLocaleId: string
  readonly counsellorId: string
  readonly registeredOn: string
  readonly closedOn: string | null
  /** The identity, opened; `erased` after an erasure; null when none was recorded or the actor may not open it. */
  readonly identity: PersonalFields | 'erased' | null
  readonly timeline: ReadonlyArray<TimelineItem>
}

/** Reads a journey for `actor`: 400 for a malformed id, 403 when the policy refuses, 404 when it allows but none exists. */
export const getJourney = async (p: Parcours, actor: Actor, rawId: string): Promise<JourneyAnswer> => {
  const id = YouthId.decode(rawId)
  if (isLeft(id)) throw invalidInput('youthId', `youthId: ${JSON.stringify(rawId)} is not an id`)
  const youthId = id.right
  const stream = await readJourneyStream(p, youthId)
  // Asked before telling whether the journey exists: for a counsellor, an unknown journey and
  // another mission locale's get the same 403, so the API tells no one who is registered where.
  const decision = decideAccess(p.policy, actor, {
    kind: 'read-journey',
    purpose: 'show',
    journey: stream.ref,
  })
  if (isLeft(decision)) throw accessDenied(decision.left)
  const state = foldJourney(stream.events.map((r) => r.event))
  if (state.status === 'unregistered')
    throw new ProblemError({ status: 404, error: 'NotFound', message: `no journey ${youthId}` })
  const timeline = queryTimeline(foldEvents(timelineProjection, stream.events), {
    youthId,
    missionLocaleId: state.missionLocaleId,
  })

  let identity: JourneyAnswer['identity'] = null
  const sealed = currentIdentity(stream.events.map((r) => r.event))
  if (decision.right.identity && sealed !== null) {
    const recorded = await p.accessLog.record({
      at: new Date().toISOString(),
      actor: actorRef(actor),
      youthId,
      missionLocaleId: state.missionLocaleId,
      purpose: 'show',
      opened: ['identity'],
    })()
    if (isLeft(recorded)) {
      p.logger.error({ tag: recorded.left._tag, youthId }, 'the access log refused an opening')
      throw unavailable()
    }
    const opened = await p.vault.open(sealed, youthId)()
    if (isLeft(opened)) {
      p.logger.error({ tag: opened.left._tag, youthId }, 'opening an identity failed')
      throw opened.left._tag === 'KeyStoreUnavailable' ? unavailable() : new ProblemError(internalError)
    }
    identity = opened.right._tag === 'Opened' ? opened.right.fields : 'erased'
  }
  return {
    youthId,
    revision: stream.revision,
    status: state.status,
    missionLocaleId: state.missionLocaleId,
    counsellorId: state.counsellorId,
    registeredOn: state.registeredOn,
    closedOn: state.closedOn,
    identity,
    timeline: timeline?.items ?? [],
  }
}
