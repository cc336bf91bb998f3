import { isLeft } from 'fp-ts/lib/Either.js'
import {
  ageLimitsOf,
  defaultJourneyPolicy,
  type JourneyCommand,
  type LocalDate,
  type MissionLocaleId,
  type YouthId,
} from '@parcours/domain'
import type { JourneyCommandHandler } from '../journeys/index.js'
import type { PersonalFields } from './personalFields.js'

// ---------------------------------------------------------------------------------------------
// Test support for the vault's tests: journeys that carry personal data, written through the
// journey command handler, which seals them with the vault as a service does. Not exported.
// ---------------------------------------------------------------------------------------------

/** A fictitious young person with identity and comments to find (or not) in stored bytes. */
export interface FictitiousPerson {
  readonly youthId: YouthId
  readonly missionLocaleId: MissionLocaleId
  readonly identity: PersonalFields
  readonly requestComment: string
  readonly followUpComment: string
  readonly diagnosticComment: string
  readonly closingComment: string
}

/** How far a journey goes: registered, request, follow-up kept, CEJ entered and exited, closed. */
export const journeyStages = 5

const d = (s: string) => s as LocalDate

/** Writes a person's journey up to `stages` steps, every personal value sealed by the handler. */
export const writeJourney = async (
  handle: JourneyCommandHandler,
  person: FictitiousPerson,
  stages = journeyStages,
): Promise<void> => {
  const { youthId, missionLocaleId } = person
  // The shell's part: every command carries the age limits opened (here: known from the birth date).
  const ageLimits = ageLimitsOf(d('2005-06-15'), false, defaultJourneyPolicy)
  const base = { youthId, missionLocaleId, ageLimits }
  type Step = { readonly command: JourneyCommand; readonly personal?: PersonalFields }
  const steps: ReadonlyArray<ReadonlyArray<Step>> = [
    [
      {
        command: {
          ...base,
          type: 'RegisterYouth',
          on: d('2024-01-10'),
          counsellorId: 'c-1' as never,
          birthDate: d('2005-06-15'),
          rqth: false,
          personalData: null,
          sealedAgeLimits: null,
        },
        personal: person.identity,
      },
    ],
    [
      {
        command: {
          ...base,
          type: 'RecordRequest',
          on: d('2024-01-12'),
          requestId: 'r-1' as never,
          theme: 'training',
          comment: null,
        },
        personal: { comment: person.requestComment },
      },
    ],
    [
      {
        command: {
          ...base,
          type: 'KeepFollowUp',
          on: d('2024-01-20'),
          followUpId: 'fu-1' as never,
          comment: null,
        },
        personal: { comment: person.followUpComment },
      },
    ],
    [
      {
        command: { ...base, type: 'CompleteDiagnostic', on: d('2024-01-25'), comment: null },
        personal: { comment: person.diagnosticComment },
      },
      {
        command: {
          ...base,
          type: 'EnterProgramme',
          on: d('2024-02-01'),
          programme: 'CEJ',
          plannedEndOn: d('2025-01-31'),
        },
      },
      { command: { ...base, type: 'ExitProgramme', on: d('2024-06-01'), reason: 'completed' } },
    ],
    [
      {
        command: { ...base, type: 'CloseJourney', on: d('2024-06-02'), reason: 'other', comment: null },
        personal: { comment: person.closingComment },
      },
    ],
  ]
  let n = 0
  for (const step of steps.slice(0, stages))
    for (const { command, personal } of step) {
      const result = await handle({
        commandId: `${youthId}-${n++}`,
        command,
        ...(personal === undefined ? {} : { personal }),
      })()
      if (isLeft(result)) throw new Error(`${command.type} refused: ${JSON.stringify(result.left)}`)
    }
}

/** A fictitious person numbered `n`, with recognisable values. */
export const fictitiousPerson = (n: number, missionLocaleId = 'ml-lyon'): FictitiousPerson => ({
  youthId: `youth-${n}` as YouthId,
  missionLocaleId: missionLocaleId as MissionLocaleId,
  identity: {
    firstName: `Prénom${n}Zéphyrine`,
    lastName: `Nom${n}Quillebeuf`,
    birthDate: '2005-06-15',
    email: `zephyrine${n}@exemple.fr`,
    phone: `+33 6 12 34 56 ${String(n).padStart(2, '0')}`,
    address: `${n} rue des Tilleuls, 69003 Lyon`,
  },
  requestComment: `cherche une formation de soudeur ${n} secret`,
  followUpComment: `venue avec sa mère, logement précaire ${n}`,
  diagnosticComment: `diagnostic ${n}: difficultés de mobilité`,
  closingComment: `départ à l'étranger ${n}, raison personnelle`,
})

/** The dates the birth date 2005-06-15 gives: the 16th, 26th and 30th birthdays. */
export const birthDerivedDates: ReadonlyArray<string> = ['2021-06-15', '2031-06-15', '2035-06-15']

/** Every personal value of a person, as it must never appear in clear. */
export const personalValues = (person: FictitiousPerson): ReadonlyArray<string> => [
  ...Object.values(person.identity),
  ...birthDerivedDates,
  person.requestComment,
  person.followUpComment,
  person.diagnosticComment,
  person.closingComment,
]
