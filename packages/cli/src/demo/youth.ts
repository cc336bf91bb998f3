import {
  initialJourneyState,
  resumePrng,
  type CounsellorId,
  type FollowUpId,
  type JourneyState,
  type LocalDate,
  type MissionLocaleId,
  type PhaseId,
  type Prng,
  type PrngState,
  type Programme,
  type ProposalId,
  type RecordableProposalOutcome,
  type SessionId,
  type SituationId,
  type Theme,
  type YouthId,
} from '@parcours/domain'
import { calibration } from './calibration.js'
import type { Person } from './people.js'

// ---------------------------------------------------------------------------------------------
// model: one simulated young person — who they are, how they behave, and what they will do next
// ---------------------------------------------------------------------------------------------

/** What the young person is mostly after. */
export type Track = 'employment' | 'training' | 'social' | 'drifting'

/** How a young person behaves, drawn once. */
export interface Profile {
  readonly track: Track
  /** Probability of attending a follow-up. */
  readonly engagement: number
  readonly programme: Programme | null
  /** A life event that ends the journey early, if any, after that many contacts. */
  readonly earlyExit: {
    readonly reason: 'moved-away' | 'youth-request' | 'other'
    readonly afterContacts: number
  } | null
  readonly transfers: boolean
  readonly reassigned: boolean
}

/** Something planned for a later day. */
export type Intent =
  | {
      readonly kind: 'answer'
      readonly on: LocalDate
      readonly proposalId: ProposalId
      readonly outcome: RecordableProposalOutcome | 'accept'
    }
  | {
      readonly kind: 'end-training'
      readonly on: LocalDate
      readonly trainingId: SituationId
      readonly result: 'completed' | 'abandoned'
    }
  | { readonly kind: 'end-employment'; readonly on: LocalDate; readonly employmentId: SituationId }
  | {
      readonly kind: 'exit-programme'
      readonly on: LocalDate
      readonly reason: 'youth-request' | 'breach' | 'autonomy' | 'completed'
    }
  | { readonly kind: 'extend-programme'; readonly on: LocalDate }
  | {
      readonly kind: 'close'
      readonly on: LocalDate
      readonly reason: 'durable-employment' | 'other-employment' | 'qualifying-training'
    }
  | { readonly kind: 'reopen'; readonly on: LocalDate }
  | { readonly kind: 'tick'; readonly on: LocalDate }
  | { readonly kind: 'late'; readonly on: LocalDate; readonly followUpId: FollowUpId }
  | { readonly kind: 'start-phase'; readonly on: LocalDate }
  | { readonly kind: 'end-phase'; readonly on: LocalDate; readonly phaseId: PhaseId }
  | { readonly kind: 'renew-immersion'; readonly on: LocalDate; readonly situationId: SituationId }
  | { readonly kind: 'end-situation'; readonly on: LocalDate; readonly situationId: SituationId }
  | { readonly kind: 'session'; readonly on: LocalDate; readonly sessionId: SessionId }
  | {
      readonly kind: 'refuse-session'
      readonly on: LocalDate
      readonly sessionId: SessionId
      readonly by: 'youth' | 'third-party'
    }

/** A simulated young person and the simulator's memory of their journey. */
export interface Youth {
  readonly index: number
  readonly id: YouthId
  readonly person: Person
  readonly registeredOn: LocalDate
  readonly profile: Profile
  /**
   * Their generator on the days they act (`recall` resumes it from `parkedRng`); between them,
   * `PARKED_PRNG`, and where it stood in `parkedRng`: two numbers in place of its closures, which
   * at 200,000 young people would be 100 MB.
   */
  rng: Prng
  parkedRng: PrngState | null
  missionLocaleId: MissionLocaleId
  counsellorId: CounsellorId
  /**
   * The journey as the domain sees it, on the days they act: read from the handler as the day
   * starts, folded with the events it returns, let go when the day ends (`recall`, `forget`).
   */
  state: JourneyState
  intents: Intent[]
  /** Command counter: command ids are derived from it, so re-running a seed re-sends the same ids. */
  sequence: number
  proposals: number
  situations: number
  phases: number
  /** Appointments the counsellor planned (their ids are `a-<n>`). */
  appointments: number
  contacts: number
  missesInRow: number
  programmeTried: boolean
  transferred: boolean
  /** The day the simulator will next wake this young person up, if any. */
  wakeOn: LocalDate | null
}

const parked = (): never => {
  throw new Error("a young person's generator was drawn from outside their day (see recall)")
}

/** A young person's generator between their days: drawing from it is a bug of the simulator. */
const PARKED_PRNG: Prng = {
  next: parked,
  int: parked,
  chance: parked,
  pick: parked,
  weighted: parked,
  fork: parked,
  save: parked,
}

/** Gives the young person their generator back, where it stood (a day of theirs starts). */
export const resumeGenerator = (y: Youth): void => {
  if (y.parkedRng === null) return
  y.rng = resumePrng(y.parkedRng)
  y.parkedRng = null
}

/** Keeps where the young person's generator stands, and lets it go (their day is over). */
export const parkGenerator = (y: Youth): void => {
  if (y.parkedRng !== null) return
  y.parkedRng = y.rng.save()
  y.rng = PARKED_PRNG
}

/** Draws a young person's behaviour. */
export const drawProfile = (rng: Prng, rqthOver26: boolean): Profile => {
  const track = rng.weighted(calibration.tracks)
  const base = calibration.engagement[track]
  const programme: Programme | null = rqthOver26
    ? 'CEJ'
    : rng.weighted([
        ['PACEA', 38],
        ['CEJ', 30],
        [null, 32],
      ] as ReadonlyArray<readonly [Programme | null, number]>)
  const earlyExit = rng.chance(0.07)
    ? {
        reason: rng.weighted([
          ['moved-away', 4],
          ['youth-request', 4],
          ['other', 2],
        ] as const),
        afterContacts: rng.int(1, 6),
      }
    : null
  return {
    track,
    engagement: Math.min(0.95, base + rng.next() * calibration.engagementSpread),
    programme,
    earlyExit,
    transfers: rng.chance(0.02),
    reassigned: rng.chance(0.04),
  }
}

/** A young person before registration. */
export const newYouth = (
  index: number,
  id: YouthId,
  person: Person,
  registeredOn: LocalDate,
  profile: Profile,
  rng: Prng,
  missionLocaleId: MissionLocaleId,
  counsellorId: CounsellorId,
): Youth => ({
  index,
  id,
  person,
  registeredOn,
  profile,
  rng: PARKED_PRNG,
  parkedRng: rng.save(),
  missionLocaleId,
  counsellorId,
  state: initialJourneyState,
  intents: [],
  sequence: 0,
  proposals: 0,
  situations: 0,
  phases: 0,
  appointments: 0,
  contacts: 0,
  missesInRow: 0,
  programmeTried: false,
  transferred: false,
  wakeOn: null,
})

/** Themes a young person is offered, by track. */
export const themeWeights = (track: Track): ReadonlyArray<readonly [Theme, number]> => {
  switch (track) {
    case 'employment':
      return [
        ['employment', 40],
        ['immersion', 12],
        ['apprenticeship', 10],
        ['training', 10],
        ['internship', 8],
        ['career-plan', 8],
        ['housing', 4],
        ['health', 3],
        ['citizenship', 2],
        ['culture-sport-leisure', 3],
      ]
    case 'training':
      return [
        ['training', 38],
        ['apprenticeship', 16],
        ['career-plan', 12],
        ['internship', 10],
        ['employment', 10],
        ['immersion', 6],
        ['health', 3],
        ['housing', 3],
        ['citizenship', 1],
        ['culture-sport-leisure', 1],
      ]
    case 'social':
      return [
        ['housing', 22],
        ['health', 20],
        ['citizenship', 12],
        ['culture-sport-leisure', 12],
        ['career-plan', 12],
        ['training', 8],
        ['employment', 8],
        ['immersion', 6],
      ]
    case 'drifting':
      return [
        ['career-plan', 25],
        ['culture-sport-leisure', 15],
        ['employment', 15],
        ['training', 15],
        ['health', 10],
        ['housing', 10],
        ['immersion', 10],
      ]
  }
}
