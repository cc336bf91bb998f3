import { left, right, type Either } from 'fp-ts/lib/Either.js'
import type { JourneyCommandType } from '../model/commands.js'
import type { MissionLocaleId } from '../model/ids.js'
import type { AccessDenied, AccessGrant, AccessRule } from './accessDecision.js'
import type { AccessRequest, JourneyRef } from './accessRequest.js'
import type { Actor, CounsellorActor, ManagerActor, PartnerActor } from './actor.js'
import { actorRef } from './actor.js'

// ---------------------------------------------------------------------------------------------
// model: the configurable part of the access policy
// ---------------------------------------------------------------------------------------------

/** What the access policy lets a deployment choose. */
export interface AccessPolicy {
  /**
   * What a counsellor reaches: every journey of their mission locale (`mission-locale`, the
   * default: colleagues stand in for one another during absences and on duty days), or only the
   * journeys they follow (`caseload`).
   */
  readonly counsellorScope: 'mission-locale' | 'caseload'
}

/** The default policy: a counsellor reaches the whole of their mission locale. */
export const defaultAccessPolicy: AccessPolicy = { counsellorScope: 'mission-locale' }

/** The commands a manager sends: management, not counselling. */
export const MANAGER_COMMANDS: ReadonlySet<JourneyCommandType> = new Set<JourneyCommandType>([
  'AssignCounsellor',
  'TransferJourney',
  'CloseJourney',
  'ReopenJourney',
  'ApplyTimeRules',
  'ErasePersonalData',
  'RectifyIdentity',
  'RecordCejHearing',
  'DecideCejSanction',
  'ShortenCejWaitingPeriod',
])

/**
 * The CEJ's decisions that only a manager takes: a sanction and a shorter waiting period. The
 * counsellor records the breach and may hear the young person; the mission locale decides.
 */
export const MANAGER_ONLY_COMMANDS: ReadonlySet<JourneyCommandType> = new Set<JourneyCommandType>([
  'DecideCejSanction',
  'ShortenCejWaitingPeriod',
])

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

type Decision = Either<AccessDenied, AccessGrant>

const grant = (identity = false, comments = false): Decision =>
  right({ _tag: 'AccessGranted', identity, comments })

const denier =
  (actor: Actor, request: AccessRequest) =>
  (rule: AccessRule, reason: string): Decision =>
    left({ _tag: 'AccessDenied', actor, rule, request, reason })

type Deny = ReturnType<typeof denier>
type Scoped = CounsellorActor | ManagerActor

// An unknown journey and another mission locale's get the same answer: no existence oracle.
const notHeld = (deny: Deny, actor: Scoped, journey: JourneyRef): Decision =>
  deny('OtherMissionLocale', `journey ${journey.youthId} is not held by ${actor.missionLocaleId}`)

const holds = (actor: Scoped, journey: JourneyRef): boolean => journey.holder === actor.missionLocaleId

const inCaseload = (policy: AccessPolicy, actor: Scoped, journey: JourneyRef): boolean =>
  actor.kind !== 'counsellor' || policy.counsellorScope !== 'caseload' || journey.counsellorId === actor.id

const covers = (actor: PartnerActor, ml: MissionLocaleId | null): boolean =>
  ml !== null && actor.convention.missionLocaleIds.includes(ml)

const scopedCommand = (
  policy: AccessPolicy,
  actor: Scoped,
  request: Extract<AccessRequest, { kind: 'journey-command' }>,
  deny: Deny,
): Decision => {
  const { command, journey } = request
  if (request.missionLocaleId !== actor.missionLocaleId)
    return deny('OtherMissionLocale', `${actor.kind}s act for ${actor.missionLocaleId} only`)
  const registering = command === 'RegisterYouth' && journey.holder === null
  if (!registering && !holds(actor, journey)) return notHeld(deny, actor, journey)
  if (actor.kind === 'manager' && !MANAGER_COMMANDS.has(command))
    return deny('ManagerDoesNotCounsel', `${command} is sent by a counsellor`)
  if (actor.kind === 'counsellor' && command === 'ErasePersonalData')
    return deny('ErasureByManager', `the erasure of ${journey.youthId}'s personal data is the manager's`)
  if (actor.kind === 'counsellor' && MANAGER_ONLY_COMMANDS.has(command))
    return deny('SanctionByManager', `${command} on journey ${journey.youthId} is decided by the manager`)
  if (!inCaseload(policy, actor, journey))
    return deny('NotInCaseload', `journey ${journey.youthId} is not in ${actor.id}'s caseload`)
  return grant()
}

// ---------------------------------------------------------------------------------------------
// the policy: data in, decision out
// ---------------------------------------------------------------------------------------------

/**
 * Decides whether `actor` may do or see what `request` asks, and what personal data it may open.
 * Pure and total: the shell supplies who holds the journey and who follows it.
 *
 * @example
 * import { isLeft, isRight } from 'fp-ts/lib/Either.js'
 * import { decideAccess, defaultAccessPolicy, describeAccessDenied, parseActorRef } from '@parcours/domain'
 *
 * const actor = parseActorRef('statistician:s-1')
 * if (isRight(actor)) {
 *   const decision = decideAccess(defaultAccessPolicy, actor.right, {
 *     kind: 'read-dashboard',
 *     missionLocaleId: null,
 *   })
 *   const answer = isLeft(decision)
 *     ? describeAccessDenied(decision.left) // one sentence naming the actor and the rule
 *     : decision.right // { _tag: 'AccessGranted', identity: false, comments: false }: aggregates only
 * }
 */
export const decideAccess = (policy: AccessPolicy, actor: Actor, request: AccessRequest): Decision => {
  const deny = denier(actor, request)
  const who = actorRef(actor)
  switch (actor.kind) {
    case 'statistician':
      return request.kind === 'read-dashboard' ||
        (request.kind === 'export-partner-file' && request.file === 'dares') ||
        (request.kind === 'read-outreach' && request.detail === 'counts')
        ? grant()
        : deny('AggregatesOnly', `${who} reads pseudonymous aggregates only`)
    case 'operator':
      switch (request.kind) {
        case 'run-clock':
        case 'run-retention':
        case 'maintain-store':
          return grant()
        default:
          return deny(
            'OperatorRunsMaintenance',
            `${who} runs the clock, retention and the workers; it reads and changes no journey`,
          )
      }
    case 'partner': {
      const c = actor.convention
      const outside = (what: string) =>
        deny('OutsideConvention', `convention ${c.conventionId} does not cover ${what}`)
      switch (request.kind) {
        case 'journey-command':
          return c.commands.includes(request.command) &&
            covers(actor, request.missionLocaleId) &&
            (request.journey.holder === null
              ? request.command === 'RegisterYouth'
              : covers(actor, request.journey.holder))
            ? grant()
            : outside(`${request.command} on journey ${request.journey.youthId}`)
        case 'read-journey':
          return request.purpose !== 'access-request' &&
            c.journeyFacts &&
            covers(actor, request.journey.holder)
            ? grant(c.identity, false)
            : outside(`reading journey ${request.journey.youthId}`)
        case 'read-dashboard':
          return c.aggregates && covers(actor, request.missionLocaleId)
            ? grant()
            : outside(`the figures of ${request.missionLocaleId ?? 'the nation'}`)
        case 'read-partner-feed':
          // A notice carries ids, an object, an action and a date: never an identity or a comment.
          return c.journeyFacts && covers(actor, request.missionLocaleId)
            ? grant()
            : outside(`the feed of ${request.missionLocaleId}`)
        default:
          return outside(request.kind)
      }
    }
    case 'counsellor':
    case 'manager': {
      const ml = actor.missionLocaleId
      const other = (what: string) => deny('OtherMissionLocale', `${who} reads ${ml}'s ${what} only`)
      switch (request.kind) {
        case 'journey-command':
          return scopedCommand(policy, actor, request, deny)
        case 'read-journey':
          if (!holds(actor, request.journey)) return notHeld(deny, actor, request.journey)
          if (request.purpose === 'access-request' && actor.kind !== 'manager')
            return deny('SubjectRightsByManager', `${ml}'s manager answers access requests`)
          if (!inCaseload(policy, actor, request.journey))
            return deny(
              'NotInCaseload',
              `journey ${request.journey.youthId} is not in ${actor.id}'s caseload`,
            )
          return grant(true, true)
        case 'read-worklist':
          if (request.missionLocaleId !== ml) return other('worklists')
          if (
            actor.kind === 'counsellor' &&
            policy.counsellorScope === 'caseload' &&
            request.counsellorId !== actor.id
          )
            return deny('NotInCaseload', `${who} reads their own worklist only`)
          return grant()
        case 'read-dashboard':
          if (request.missionLocaleId === null)
            return deny(
              'NationalFiguresForStatisticians',
              `${who} reads the figures of ${ml}, not national ones`,
            )
          return request.missionLocaleId === ml ? grant() : other('figures')
        case 'run-clock':
          if (request.missionLocaleId === null)
            return deny('MaintenanceByOperators', `the clock of every mission locale is run by an operator`)
          return request.missionLocaleId === ml ? grant() : other('journeys')
        case 'run-retention':
        case 'maintain-store':
          return deny('MaintenanceByOperators', `${request.kind} is run by an operator`)
        case 'read-access-log':
          if (actor.kind !== 'manager')
            return deny('AccessLogForManagers', `${ml}'s manager reads its access log`)
          return request.missionLocaleId === ml ? grant() : other('access log')
        case 'export-allowance-statement':
          if (actor.kind !== 'manager')
            return deny('PaymentStatementByManager', `${ml}'s manager exports its allowance statement`)
          return request.missionLocaleId === ml ? grant() : other('allowance statement')
        case 'read-partner-feed':
          return deny('FeedForPartners', `the feed of notices is read by partner apps, not by ${who}`)
        case 'export-partner-file':
          if (request.missionLocaleId === null)
            return deny(
              'NationalFiguresForStatisticians',
              `${who} exports the files of ${ml}, not national ones`,
            )
          if (request.missionLocaleId !== ml) return other('files')
          return actor.kind === 'manager'
            ? grant()
            : deny('PartnerFilesByManager', `${ml}'s manager exports its ${request.file} file`)
        case 'outreach-command':
          if (request.missionLocaleId !== ml) return other('outreach cases')
          return request.action === 'import-list' && actor.kind !== 'manager'
            ? deny('DropoutListsByManager', `${ml}'s manager imports its dropout lists`)
            : grant()
        case 'read-outreach':
          if (request.missionLocaleId === null)
            return deny(
              'NationalFiguresForStatisticians',
              `${who} reads the outreach counts of ${ml}, not national ones`,
            )
          return request.missionLocaleId === ml ? grant() : other('outreach cases')
      }
    }
  }
}
