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
} as const
