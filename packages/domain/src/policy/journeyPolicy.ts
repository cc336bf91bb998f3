// ---------------------------------------------------------------------------------------------
// model: the configurable rules of a journey (docs/domain.md, "Policies and their defaults"), with their defaults.
// ---------------------------------------------------------------------------------------------

/** The journey's configurable rules. Ages are in years, durations in months or days. */
export interface JourneyPolicy {
  /** Youngest age at registration (16: from the 16th birthday). */
  readonly minimumAge: number
  /** Age limit: from this birthday on a young person is no longer eligible (26). */
  readonly ageLimit: number
  /** Age limit for the CEJ with a recognised disability (RQTH) (30). */
  readonly cejRqthAgeLimit: number
  /** Next follow-up due within this many days of registration and of every contact (30). */
  readonly followUpWithinDays: number
  /** Follow-up cadence, in days, during the first months of a CEJ (7: weekly). */
  readonly cejFollowUpEveryDays: number
  /** How many months the CEJ cadence applies from the CEJ's start (3). */
  readonly cejWeeklyFollowUpMonths: number
  /** Longest PACEA, in months (24). */
  readonly paceaMaxMonths: number
  /** Longest CEJ action plan, in months (12). */
  readonly cejMaxMonths: number
  /** Longest CEJ once extended, in months in total (18). */
  readonly cejExtendedMaxMonths: number
  /** PACEA signed within this many months of the diagnostic (1). */
  readonly paceaSignatureWithinMonths: number
  /** The first phase of a PACEA starts within this many months of its signature (1). */
  readonly paceaFirstPhaseWithinMonths: number
  /** Longest immersion (PMSMP), and longest renewal of it, in months (1). */
  readonly immersionMaxMonths: number
  /** A CDD counts as durable employment when longer than this many months (6). */
  readonly durableCddOverMonths: number
  /** A proposal without answer expires this many days after the day following its respond-by date (0). */
  readonly proposalExpiryGraceDays: number
  /** An accepted proposal never carried out (nor refused) expires this many days after its acceptance (90). */
  readonly acceptedProposalExpiryDays: number
  /** Reminders fall due this many days before an appointment or a session ([7, 1]). */
  readonly reminderDaysBefore: ReadonlyArray<number>
  /**
   * A young person with RQTH registered past the 26th birthday (eligible for the CEJ only) has this
   * many days to enter it before the journey ages out (30).
   */
  readonly rqthCejEntryWithinDays: number
  /**
   * An exit for durable employment needs a durable employment in progress, one for qualifying
   * training a qualifying training in progress (true).
   */
  readonly exitMustMatchSituation: boolean
  /** A new CEJ after one terminated for breaches waits this many months, unless a decision shortens it (6). */
  readonly cejReentryWaitMonths: number
  /** The most weekly hours an activity may declare (35: a full-time week). */
  readonly cejMaxActivityHoursPerWeek: number
}

/** The defaults (docs/domain.md, "Policies and their defaults"). */
export const defaultJourneyPolicy: JourneyPolicy = {
  minimumAge: 16,
  ageLimit: 26,
  cejRqthAgeLimit: 30,
  followUpWithinDays: 30,
  cejFollowUpEveryDays: 7,
  cejWeeklyFollowUpMonths: 3,
  paceaMaxMonths: 24,
  cejMaxMonths: 12,
  cejExtendedMaxMonths: 18,
  paceaSignatureWithinMonths: 1,
  paceaFirstPhaseWithinMonths: 1,
  immersionMaxMonths: 1,
  durableCddOverMonths: 6,
  proposalExpiryGraceDays: 0,
  acceptedProposalExpiryDays: 90,
  reminderDaysBefore: [7, 1],
  rqthCejEntryWithinDays: 30,
  exitMustMatchSituation: true,
  cejReentryWaitMonths: 6,
  cejMaxActivityHoursPerWeek: 35,
}

/** The default policy with some values overridden. */
export const journeyPolicy = (overrides: Partial<JourneyPolicy> = {}): JourneyPolicy => ({
  ...defaultJourneyPolicy,
  ...overrides,
})
