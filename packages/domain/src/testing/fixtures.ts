import { journeyDecider } from '../decider/journeyDecider.js'
import { ageLimitsOf } from '../model/ageLimits.js'
import type { JourneyCommand } from '../model/commands.js'
import { describeJourneyError } from '../model/errors.js'
import type { JourneyEvent } from '../model/events.js'
import type { LocalDate } from '../model/localDate.js'
import type { Sealed } from '../model/sealed.js'
import { openingForTest, sealAgeLimitsForTest } from './openedAgeLimits.js'

// ---------------------------------------------------------------------------------------------
// Terse builders of commands and events for one journey, for example-based tests.
// Ids and dates are plain strings here; the builders brand them.
// ---------------------------------------------------------------------------------------------

/** A type with its branded strings loosened to plain strings (for test literals). */
export type Loose<T> = {
  [K in keyof T]: T[K] extends string ? string : T[K] extends string | null ? string | null : T[K]
}

type Fields<U extends { type: string }, K extends U['type']> = Loose<
  Omit<Extract<U, { type: K }>, 'type' | 'youthId' | 'missionLocaleId' | 'on' | 'sealedAgeLimits'>
> &
  Partial<Pick<Extract<U, { type: K }>, 'sealedAgeLimits' & keyof Extract<U, { type: K }>>>

// A registration's sealed age limits default to those of its birth date, sealed for the test shell.
const withSealedAgeLimits = (fields: object): object =>
  'birthDate' in fields && 'rqth' in fields && !('sealedAgeLimits' in fields)
    ? {
        ...fields,
        sealedAgeLimits: sealAgeLimitsForTest(
          ageLimitsOf(fields.birthDate as LocalDate, fields.rqth === true, journeyDecider.policy),
        ),
      }
    : fields

/** Builders bound to one young person and mission locale. */
export interface JourneyFixture {
  readonly youthId: string
  readonly missionLocaleId: string
  /** A command of this journey dated `on`. */
  readonly command: <K extends JourneyCommand['type']>(
    type: K,
    on: string,
    fields: Fields<JourneyCommand, K>,
  ) => Extract<JourneyCommand, { type: K }>
  /** An event of this journey dated `on`. */
  readonly event: <K extends JourneyEvent['type']>(
    type: K,
    on: string,
    fields: Fields<JourneyEvent, K>,
  ) => Extract<JourneyEvent, { type: K }>
  /** The events the default decider accepts for these commands, in order; throws on a refusal. */
  readonly history: (...commands: ReadonlyArray<JourneyCommand>) => ReadonlyArray<JourneyEvent>
}

/** Builders for the journey of `youthId` held by `missionLocaleId` (defaults `y-1`, `ml-1`). */
export const journeyFixture = (youthId = 'y-1', missionLocaleId = 'ml-1'): JourneyFixture => ({
  youthId,
  missionLocaleId,
  command: (type, on, fields) =>
    ({ type, youthId, missionLocaleId, on, ...withSealedAgeLimits(fields) }) as never,
  event: (type, on, fields) => ({ type, youthId, missionLocaleId, on, ...fields }) as never,
  history: (...commands) => {
    const events: JourneyEvent[] = []
    const decider = openingForTest(journeyDecider)
    let state = decider.initialState
    for (const command of commands) {
      const decision = decider.decide(command, state)
      if (decision._tag === 'Left')
        throw new Error(`history: ${command.type} refused: ${describeJourneyError(decision.left)}`)
      events.push(...decision.right)
      state = decision.right.reduce(decider.evolve, state)
    }
    return events
  },
})

/** A stand-in sealed value (what the vault would produce), for tests. */
export const fakeSealed = (keyId = 'key-1'): Sealed =>
  ({ keyId, alg: 'A256GCM', iv: 'aXY=', ciphertext: 'Y2lwaGVy', tag: 'dGFn' }) as Sealed
