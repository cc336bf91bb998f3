import type { JourneyCommandType } from '../model/commands.js'
import type { CounsellorId, MissionLocaleId, YouthId } from '../model/ids.js'

// ---------------------------------------------------------------------------------------------
// model: what an actor asks to do or see. The shell fills in the facts the policy needs (who
// holds the journey, who follows it); the policy reads nothing else.
// ---------------------------------------------------------------------------------------------

/** A journey as the policy sees it: who holds it and who follows it (null when it does not exist). */
export interface JourneyRef {
  readonly youthId: YouthId
  /** The mission locale holding the journey now; null when no journey has that id. */
  readonly holder: MissionLocaleId | null
  /** The counsellor following it now; null when no journey has that id. */
  readonly counsellorId: CounsellorId | null
}

/** Why personal data is opened: the command or query that opens it (recorded in the access log); `outreach-registration` prefills a registration from an outreach case. */
export type AccessPurpose = 'show' | 'access-request' | 'export' | 'rectification' | 'outreach-registration'

/** Something an actor asks for. */
export type AccessRequest =
  /** Send a journey command. `missionLocaleId` is the one the command names; for a registration, `journey.counsellorId` is the counsellor it assigns. */
  | {
      readonly kind: 'journey-command'
      readonly command: JourneyCommandType
      readonly missionLocaleId: MissionLocaleId
      readonly journey: JourneyRef
    }
  /** Read one journey with its identity and comments opened. */
  | { readonly kind: 'read-journey'; readonly purpose: AccessPurpose; readonly journey: JourneyRef }
  /** Read a counsellor's worklist. */
  | {
      readonly kind: 'read-worklist'
      readonly missionLocaleId: MissionLocaleId
      readonly counsellorId: CounsellorId
    }
  /** Read the steering dashboard, of one mission locale or national (null). */
  | { readonly kind: 'read-dashboard'; readonly missionLocaleId: MissionLocaleId | null }
  /** Apply the time rules to the open journeys of one mission locale, or of all (null). */
  | { readonly kind: 'run-clock'; readonly missionLocaleId: MissionLocaleId | null }
  /** Erase everyone past their retention date. */
  | { readonly kind: 'run-retention' }
  /** Project, rebuild, verify or migrate the store, prune the access log, or import a partner's catalogue (pseudonymous data only). */
  | {
      readonly kind: 'maintain-store'
      readonly task: 'project' | 'rebuild' | 'verify' | 'migrate' | 'prune-access-log' | 'import-catalogue'
    }
  /** List the access log of a mission locale. */
  | { readonly kind: 'read-access-log'; readonly missionLocaleId: MissionLocaleId }
  /**
   * Export a mission locale's monthly CEJ allowance statement for payment: it opens each young
   * person's sealed allowance basis, and its amounts give the household's tax bracket away.
   */
  | { readonly kind: 'export-allowance-statement'; readonly missionLocaleId: MissionLocaleId }
  /** Read the feed of notices partner apps poll, for the journeys one mission locale holds. */
  | { readonly kind: 'read-partner-feed'; readonly missionLocaleId: MissionLocaleId }
  /**
   * Export an outbound file for a partner: the monthly pseudonymous statistical extract for DARES
   * (of one mission locale, or national: null), or the notice to France Travail of the young
   * people to register as jobseekers (of one mission locale).
   */
  | {
      readonly kind: 'export-partner-file'
      readonly file: PartnerFileKind
      readonly missionLocaleId: MissionLocaleId | null
    }

  /**
   * Act on a mission locale's outreach cases (school dropout lists): import a list (managers), or
   * record a status on a case (its counsellors and manager).
   */
  | {
      readonly kind: 'outreach-command'
      readonly action: 'import-list' | 'record-status'
      readonly missionLocaleId: MissionLocaleId
    }
  /**
   * Read outreach cases: `cases` lists them with their statuses (the mission locale's counsellors
   * and manager); `counts` gives only how many per status (also a statistician's, national: null).
   */
  | {
      readonly kind: 'read-outreach'
      readonly detail: 'cases' | 'counts'
      readonly missionLocaleId: MissionLocaleId | null
    }

/** The outbound files other than the allowance statement (which has its own request). */
export type PartnerFileKind = 'dares' | 'france-travail'

/** The kinds of request, in the order the access matrix lists them. */
export type AccessRequestKind = AccessRequest['kind']
