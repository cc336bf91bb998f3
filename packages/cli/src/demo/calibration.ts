// ---------------------------------------------------------------------------------------------
// model: the levers that bring the simulated network's national figures near the published ones
// (references.ts). Each is a behaviour of the young people or of their counsellors; the values
// were set by running the default demo (2,000 young people, 18 months, seed 42) against them.
// ---------------------------------------------------------------------------------------------

/** The simulator's behavioural levers. */
export const calibration = {
  /** Who comes to a mission locale, by what they are mostly after (weights). */
  tracks: [
    ['employment', 34],
    ['training', 26],
    ['social', 18],
    ['drifting', 22],
  ],
  /** Probability of attending an appointment, by track: its base, plus up to `engagementSpread`. */
  engagement: { employment: 0.72, training: 0.72, social: 0.55, drifting: 0.3 },
  engagementSpread: 0.2,
  /** Misses in a row after which the journey is closed for lost contact. */
  lostContactAfterMisses: 3,
  /** Share of the appointments a counsellor plans as a phone or video call, not an interview. */
  phoneShare: 0.75,
  /** Days to the next appointment a counsellor plans at a contact (within the policy's cadence). */
  nextAppointmentDays: [21, 30],
  /** Probability that a contact registers the young person to a collective session. */
  sessionChance: 0.08,
  /** Places in a collective session. */
  sessionCapacity: 12,
  /** Probability that a durable employment (CDI, long CDD, apprenticeship) leads to the exit. */
  durableExitChance: 0.9,
  /** Contract types of the jobs found (weights); apprenticeships come from their own proposals. */
  contracts: [
    ['CDI', 20],
    ['CDD', 44],
    ['temporary', 28],
    ['subsidised', 14],
  ],
  /** Probability that a qualifying training is followed by the exit, while it is in progress. */
  qualifyingExitChance: 0.25,
  /** Probability that a job that is not durable leads to the exit at its end. */
  otherEmploymentExitChance: 0.25,
  /** The CEJ's engagement: its activities, hours, breaches (DARES: about 35% of CEJ weeks under 15 h). */
  cej: {
    /** Households at signature (weights); beyond the first bracket no allowance is due. */
    households: [
      ['non-taxable', 70],
      ['first-bracket', 25],
      ['taxable-beyond-first-bracket', 5],
    ],
    /** Weeks of each declared block of activity; the next is declared when the last ends within this many days. */
    declareAheadDays: 28,
    blockWeeks: [3, 8],
    /** Probability that a block is a thin one (few hours), by track, and its hours a week. */
    lowBlockChance: { employment: 0.12, training: 0.12, social: 0.22, drifting: 0.35 },
    lowHours: [4, 12],
    /** Hours a week of a full block. */
    hours: [15, 25],
    /** Probability that a counsellor validates the hours as declared (else a few hours fewer). */
    validatedAsDeclared: 0.8,
    /** Probability that a missed appointment in a CEJ is recorded as a breach, and that a hearing upholds it. */
    breachOnMiss: 0.2,
    breachUpheld: 0.7,
  },
} as const
