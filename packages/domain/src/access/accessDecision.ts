import type { AccessRequest } from './accessRequest.js'
import type { Actor } from './actor.js'
import { actorRef } from './actor.js'

// ---------------------------------------------------------------------------------------------
// model: the policy's answer — a grant saying what may be seen, or a denial naming its rule
// ---------------------------------------------------------------------------------------------

/** The rules a denial can name. */
export type AccessRule =
  /** The request concerns a mission locale (or a journey held by one) other than the actor's. */
  | 'OtherMissionLocale'
  /** The counsellor scope is the caseload, and the journey or worklist is another counsellor's. */
  | 'NotInCaseload'
  /** National figures are for statisticians (and operators of no kind): a mission locale sees its own. */
  | 'NationalFiguresForStatisticians'
  /** A statistician reads pseudonymous aggregates only. */
  | 'AggregatesOnly'
  /** A manager reads and manages; counselling commands are the counsellors'. */
  | 'ManagerDoesNotCounsel'
  /** Erasure is decided by the mission locale's manager (or retention). */
  | 'ErasureByManager'
  /** The partner's convention does not cover it. */
  | 'OutsideConvention'
  /** An operator runs the clock, retention and the workers, and reads no journey. */
  | 'OperatorRunsMaintenance'
  /** Maintenance (project, rebuild, verify, retention, the national clock) is the operators'. */
  | 'MaintenanceByOperators'
  /** A young person's access request (all that is held about them) is answered by the manager. */
  | 'SubjectRightsByManager'
  /** The access log is read by the mission locale's manager. */
  | 'AccessLogForManagers'
  /** A CEJ sanction, and a shorter waiting period after a termination, are decided by the manager. */
  | 'SanctionByManager'
  /** The allowance statement (amounts, hence household brackets) is exported by the manager. */
  | 'PaymentStatementByManager'
  /** The feed of notices is read by partner apps, under their convention. */
  | 'FeedForPartners'
  /** A mission locale's outbound files for partners are exported by its manager. */
  | 'PartnerFilesByManager'
  /** A mission locale's school dropout lists are imported by its manager (they carry identities). */
  | 'DropoutListsByManager'

/** A refusal of the access policy: who asked, what for, and the rule that refused it. */
export interface AccessDenied {
  readonly _tag: 'AccessDenied'
  readonly actor: Actor
  readonly rule: AccessRule
  readonly request: AccessRequest
  /** One sentence for a person, naming no journey's holder. */
  readonly reason: string
}

/** What a granted request may see of personal data. */
export interface AccessGrant {
  readonly _tag: 'AccessGranted'
  /** The young person's identity (names, birth date) may be opened. */
  readonly identity: boolean
  /** Counsellors' free-text comments may be opened. */
  readonly comments: boolean
}

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

/** A denial in one line, naming the actor and the rule. */
export const describeAccessDenied = (d: AccessDenied): string =>
  `access denied to ${actorRef(d.actor)} by rule ${d.rule}: ${d.reason}`
