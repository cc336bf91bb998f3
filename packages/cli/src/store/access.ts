import { isLeft } from 'fp-ts/lib/Either.js'
import {
  actorRef,
  decideAccess,
  describeAccessDenied,
  foldJourney,
  journeyStreamName,
  type AccessGrant,
  type AccessLog,
  type AccessLogEntry,
  type AccessLogError,
  type AccessPolicy,
  type AccessRequest,
  type Actor,
  type JourneyCommand,
  type JourneyRef,
  type YouthId,
} from '@parcours/domain'
import { infrastructureError, refusedError, type CliError } from '../cli/errors.js'
import { journeyFailure } from './errors.js'
import type { StoreEnv } from './openStore.js'

// ---------------------------------------------------------------------------------------------
// the enforcement of the access policy: every command and query asks here first
// ---------------------------------------------------------------------------------------------

/** Who a run acts as and the policy that judges it. */
export interface Session {
  readonly actor: Actor
  readonly policy: AccessPolicy
}

/** A denial of the access policy as exit 1, naming the actor and the rule. */
export const accessDenied = (d: Parameters<typeof describeAccessDenied>[0]): CliError =>
  refusedError(describeAccessDenied(d))

/** Asks the policy; a denial is thrown (exit 1), a grant says what personal data may be opened. */
export const authorize = (session: Session, request: AccessRequest): AccessGrant => {
  const decision = decideAccess(session.policy, session.actor, request)
  if (isLeft(decision)) throw accessDenied(decision.left)
  return decision.right
}

/** Who holds a journey and who follows it, read from its stream (a bad event in it: exit 3). */
export const journeyRefOf = async (env: Pick<StoreEnv, 'store'>, youthId: YouthId): Promise<JourneyRef> => {
  const read = await env.store.readStream(journeyStreamName(youthId))()
  if (isLeft(read)) throw journeyFailure(read.left)
  const state = foldJourney(read.right.map((r) => r.event))
  return state.status === 'unregistered'
    ? { youthId, holder: null, counsellorId: null }
    : { youthId, holder: state.missionLocaleId, counsellorId: state.counsellorId }
}

/** The access request of a journey command, with the journey as it stands (who holds and follows it). */
export const commandAccessRequest = async (
  env: Pick<StoreEnv, 'store'>,
  command: JourneyCommand,
): Promise<AccessRequest> => {
  const ref = await journeyRefOf(env, command.youthId)
  const journey =
    ref.holder === null && command.type === 'RegisterYouth'
      ? { ...ref, counsellorId: command.counsellorId }
      : ref
  return { kind: 'journey-command', command: command.type, missionLocaleId: command.missionLocaleId, journey }
}

/** Asks whether the session may send this journey command to the journey as it stands. */
export const authorizeCommand = async (
  session: Session,
  env: Pick<StoreEnv, 'store'>,
  command: JourneyCommand,
): Promise<void> => {
  authorize(session, await commandAccessRequest(env, command))
}

/** An access log failure as exit 3: nothing was opened. */
export const accessLogFailure = (e: AccessLogError): CliError =>
  infrastructureError(`${e.message}${e._tag === 'AccessLogUnavailable' ? '; nothing was opened' : ''}`)

/** Records an opening before anything opened is shown; a log that cannot record it stops the run (exit 3). */
export const recordOpening = async (
  log: AccessLog,
  session: Session,
  entry: Omit<AccessLogEntry, 'actor'>,
): Promise<void> => {
  const recorded = await log.record({ ...entry, actor: actorRef(session.actor) })()
  if (isLeft(recorded)) throw accessLogFailure(recorded.left)
}
