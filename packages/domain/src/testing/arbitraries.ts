import * as fc from 'fast-check'
import type { Decider } from '../decider/decider.js'
import { journeyDecider } from '../decider/journeyDecider.js'
import { ageBands, type AgeLimits } from '../model/ageLimits.js'
import { addDays, addYears, ageOn, daysBetween, localDateOf } from '../model/calendar.js'
import type { JourneyCommand } from '../model/commands.js'
import type { JourneyError } from '../model/errors.js'
import type { JourneyEvent } from '../model/events.js'
import type {
  CounsellorId,
  FollowUpId,
  KeyId,
  MissionLocaleId,
  PartnerOfferId,
  PhaseId,
  TrainingOfferId,
  ProposalId,
  RequestId,
  SessionId,
  SituationId,
  YouthId,
} from '../model/ids.js'
import type { LocalDate } from '../model/localDate.js'
import { isLeapYear } from '../model/localDate.js'
import type { Sealed } from '../model/sealed.js'
import type { JourneyState } from '../model/state.js'
import {
  contractTypes,
  appointmentKinds,
  exitReasons,
  otherSituationKinds,
  programmeExitReasons,
  programmes,
  proposalOutcomes,
  recordableProposalOutcomes,
  sessionKinds,
  sessionOutcomes,
  sessionRefusers,
  situationKinds,
  themes,
  trainingResults,
} from '../model/vocabulary.js'
import { cejCommandProps, cejEventProps } from './cejArbitraries.js'
import type { JourneyScript, JourneySettings } from './journeyScript.js'
import { buildJourneyScript } from './journeyScript.js'

// ---------------------------------------------------------------------------------------------
// fast-check arbitraries for the journey: dates, any commands (also invalid ones), any valid
// events, valid journey scripts and whole histories of several young people.
// ---------------------------------------------------------------------------------------------

/** A LocalDate between two dates (inclusive); defaults 1990-01-01 to 2040-12-31. */
export const arbLocalDate = (
  range: { readonly min?: LocalDate; readonly max?: LocalDate } = {},
): fc.Arbitrary<LocalDate> => {
  const min = range.min ?? ('1990-01-01' as LocalDate)
  const max = range.max ?? ('2040-12-31' as LocalDate)
  return fc.integer({ min: 0, max: daysBetween(min, max) }).map((n) => addDays(min, n))
}

// Small pools, so generated commands often refer to things that exist (and sometimes not).
const id = <B>(prefix: string, size = 3): fc.Arbitrary<B> =>
  fc.integer({ min: 1, max: size }).map((n) => `${prefix}-${n}` as B)
const arbYouthId = id<YouthId>('y', 2)
const arbMissionLocaleId = id<MissionLocaleId>('ml', 2)
const arbCounsellorId = id<CounsellorId>('c')
const arbProposalId = id<ProposalId>('p', 4)
const arbFollowUpId = fc.oneof(id<FollowUpId>('fu', 4), id<FollowUpId>('f', 3))
const arbSituationId = id<SituationId>('s')
const arbRequestId = id<RequestId>('r')
const arbSessionId = id<SessionId>('session', 3)
const arbPhaseId = id<PhaseId>('ph')
const arbTrainingRef = fc.option(
  fc.record({ actionId: id<TrainingOfferId>('AF', 3), sessionId: id<TrainingOfferId>('SE', 3) }),
  { nil: null },
)
const arbPartnerOfferRef = fc.option(
  fc.record({ partner: fc.constant('france-travail' as const), offerId: id<PartnerOfferId>('FT', 3) }),
  { nil: null },
)
const arbNearDate = arbLocalDate({ min: '2024-01-01' as LocalDate, max: '2026-12-31' as LocalDate })

/** A sealed value (opaque ciphertext). */
export const arbSealed: fc.Arbitrary<Sealed> = fc.record({
  keyId: id<KeyId>('key', 2),
  alg: fc.constant('A256GCM' as const),
  iv: fc.base64String({ minLength: 4, maxLength: 16 }),
  ciphertext: fc.base64String({ minLength: 4, maxLength: 40 }),
  tag: fc.base64String({ minLength: 4, maxLength: 24 }),
})
const arbComment = fc.option(arbSealed, { nil: null })

const base = { youthId: arbYouthId, missionLocaleId: arbMissionLocaleId, on: arbNearDate }
/** Age limits as the shell opens them: the 26th birthday, and the same day or the 30th (RQTH). */
export const arbAgeLimits: fc.Arbitrary<AgeLimits> = fc
  .tuple(arbLocalDate({ min: '2024-01-01' as LocalDate, max: '2038-12-31' as LocalDate }), fc.boolean())
  .map(([ageLimitOn, rqth]) => ({ ageLimitOn, cejAgeLimitOn: rqth ? addYears(ageLimitOn, 4) : ageLimitOn }))

// Most commands carry opened age limits, as the shell sends them; some come without.
const cmd = <T extends string, P extends Record<string, fc.Arbitrary<unknown>>>(type: T, props: P) =>
  fc
    .tuple(
      fc.record({ type: fc.constant(type), ...base, ...props }),
      fc.option(arbAgeLimits, { nil: undefined, freq: 5 }),
    )
    .map(([c, ageLimits]) => (ageLimits === undefined ? c : { ...c, ageLimits }))

/** Any well-typed command, valid or not for the journey it meets (ids from small pools, dates 2024–2026). */
export const arbAnyCommand: fc.Arbitrary<JourneyCommand> = fc.oneof(
  cmd('RegisterYouth', {
    counsellorId: arbCounsellorId,
    birthDate: arbLocalDate({ min: '1993-01-01' as LocalDate, max: '2012-12-31' as LocalDate }),
    rqth: fc.boolean(),
    personalData: arbComment,
    sealedAgeLimits: arbComment,
  }),
  cmd('AssignCounsellor', { counsellorId: arbCounsellorId }),
  cmd('TransferJourney', { toMissionLocaleId: arbMissionLocaleId, counsellorId: arbCounsellorId }),
  cmd('RecordRequest', { requestId: arbRequestId, theme: fc.constantFrom(...themes), comment: arbComment }),
  cmd('CompleteDiagnostic', { comment: arbComment }),
  cmd('EnterProgramme', { programme: fc.constantFrom(...programmes), plannedEndOn: arbNearDate }),
  cmd('ExtendProgramme', { plannedEndOn: arbNearDate }),
  cmd('ExitProgramme', { reason: fc.constantFrom(...programmeExitReasons) }),
  cmd('StartPaceaPhase', { phaseId: arbPhaseId, plannedEndOn: arbNearDate }),
  cmd('EndPaceaPhase', { phaseId: arbPhaseId }),
  cmd('OfferProposal', {
    proposalId: arbProposalId,
    theme: fc.constantFrom(...themes),
    respondBy: arbNearDate,
  }),
  cmd('AcceptProposal', { proposalId: arbProposalId }),
  cmd('RecordProposalOutcome', {
    proposalId: arbProposalId,
    outcome: fc.constantFrom(...recordableProposalOutcomes),
  }),
  cmd('StartTraining', {
    trainingId: arbSituationId,
    proposalId: fc.option(arbProposalId, { nil: null }),
    qualifying: fc.boolean(),
    plannedEndOn: fc.option(arbNearDate, { nil: null }),
  }),
  cmd('EndTraining', { trainingId: arbSituationId, result: fc.constantFrom(...trainingResults) }),
  cmd('StartEmployment', {
    employmentId: arbSituationId,
    proposalId: fc.option(arbProposalId, { nil: null }),
    contract: fc.constantFrom(...contractTypes),
    durationMonths: fc.option(fc.oneof(fc.integer({ min: -2, max: 36 }), fc.double({ noNaN: false })), {
      nil: null,
    }),
  }),
  cmd('EndEmployment', { employmentId: arbSituationId }),
  cmd('StartSituation', {
    situationId: arbSituationId,
    kind: fc.constantFrom(...otherSituationKinds),
    plannedEndOn: arbNearDate,
  }),
  cmd('EndSituation', { situationId: arbSituationId }),
  cmd('RenewImmersion', { situationId: arbSituationId, plannedEndOn: arbNearDate }),
  cmd('ScheduleFollowUp', {
    followUpId: arbFollowUpId,
    dueOn: arbNearDate,
    kind: fc.constantFrom(...appointmentKinds),
  }),
  cmd('RescheduleFollowUp', { followUpId: arbFollowUpId, dueOn: arbNearDate }),
  cmd('KeepFollowUp', { followUpId: arbFollowUpId, comment: arbComment }),
  cmd('MissFollowUp', { followUpId: arbFollowUpId }),
  cmd('CancelFollowUp', { followUpId: arbFollowUpId }),
  cmd('MarkFollowUpUnspecified', { followUpId: arbFollowUpId }),
  cmd('PrescribeSession', {
    sessionId: arbSessionId,
    kind: fc.constantFrom(...sessionKinds),
    heldOn: arbNearDate,
    capacity: fc.integer({ min: -1, max: 12 }),
    registrations: fc.integer({ min: -1, max: 12 }),
  }),
  cmd('RefuseSession', { sessionId: arbSessionId, by: fc.constantFrom(...sessionRefusers) }),
  cmd('RecordSessionAttendance', { sessionId: arbSessionId, present: fc.boolean() }),
  cmd('CloseJourney', { reason: fc.constantFrom(...exitReasons), comment: arbComment }),
  cmd('ReopenJourney', { counsellorId: arbCounsellorId }),
  cmd('ApplyTimeRules', {}),
  cmd('ErasePersonalData', {}),
  cmd('RectifyIdentity', { personalData: fc.option(arbSealed, { nil: null }) }),
  ...cejCommandProps(arbNearDate, arbSealed).map(([type, props]) => cmd(type, props)),
) as fc.Arbitrary<JourneyCommand>

const ev = <T extends string, P extends Record<string, fc.Arbitrary<unknown>>>(type: T, props: P) =>
  fc.record({
    type: fc.constant(type),
    youthId: arbYouthId,
    missionLocaleId: arbMissionLocaleId,
    on: arbLocalDate(),
    ...props,
  })

/** Any event that satisfies its codec (not necessarily one a decider would produce), for codec round trips. */
export const arbAnyEvent: fc.Arbitrary<JourneyEvent> = fc.oneof(
  ev('YouthRegistered', {
    counsellorId: arbCounsellorId,
    ageBand: fc.constantFrom(...ageBands),
    sealedAgeLimits: arbComment,
    personalData: arbComment,
  }),
  ev('CounsellorAssigned', {
    counsellorId: arbCounsellorId,
    previousCounsellorId: fc.option(arbCounsellorId, { nil: null }),
  }),
  ev('JourneyTransferred', { fromMissionLocaleId: arbMissionLocaleId, counsellorId: arbCounsellorId }),
  ev('RequestRecorded', { requestId: arbRequestId, theme: fc.constantFrom(...themes), comment: arbComment }),
  ev('DiagnosticCompleted', { comment: arbComment }),
  ev('ProgrammeEntered', { programme: fc.constantFrom(...programmes), plannedEndOn: arbLocalDate() }),
  ev('ProgrammeExtended', { programme: fc.constantFrom(...programmes), plannedEndOn: arbLocalDate() }),
  ev('ProgrammeExited', {
    programme: fc.constantFrom(...programmes),
    reason: fc.constantFrom(...programmeExitReasons),
  }),
  ev('PaceaPhaseStarted', { phaseId: arbPhaseId, plannedEndOn: arbLocalDate() }),
  ev('PaceaPhaseEnded', { phaseId: arbPhaseId }),
  ev('ProposalOffered', {
    proposalId: arbProposalId,
    theme: fc.constantFrom(...themes),
    respondBy: arbLocalDate(),
    counsellorId: arbCounsellorId,
    training: arbTrainingRef,
    partnerOffer: arbPartnerOfferRef,
  }),
  ev('ProposalAccepted', { proposalId: arbProposalId, theme: fc.constantFrom(...themes) }),
  ev('ProposalOutcomeRecorded', {
    proposalId: arbProposalId,
    theme: fc.constantFrom(...themes),
    outcome: fc.constantFrom(...proposalOutcomes),
    offeredOn: arbLocalDate(),
  }),
  ev('TrainingStarted', {
    trainingId: arbSituationId,
    proposalId: fc.option(arbProposalId, { nil: null }),
    qualifying: fc.boolean(),
    plannedEndOn: fc.option(arbLocalDate(), { nil: null }),
    training: arbTrainingRef,
  }),
  ev('TrainingEnded', { trainingId: arbSituationId, result: fc.constantFrom(...trainingResults) }),
  ev('EmploymentStarted', {
    employmentId: arbSituationId,
    proposalId: fc.option(arbProposalId, { nil: null }),
    contract: fc.constantFrom(...contractTypes),
    durationMonths: fc.option(fc.integer({ min: 1, max: 48 }), { nil: null }),
    durable: fc.boolean(),
  }),
  ev('EmploymentEnded', { employmentId: arbSituationId }),
  ev('SituationStarted', {
    situationId: arbSituationId,
    kind: fc.constantFrom(...otherSituationKinds),
    plannedEndOn: arbLocalDate(),
  }),
  ev('SituationEnded', { situationId: arbSituationId, kind: fc.constantFrom(...otherSituationKinds) }),
  ev('ImmersionRenewed', { situationId: arbSituationId, plannedEndOn: arbLocalDate() }),
  ev('FollowUpScheduled', {
    followUpId: arbFollowUpId,
    dueOn: arbLocalDate(),
    kind: fc.constantFrom(...appointmentKinds),
    counsellorId: arbCounsellorId,
  }),
  ev('FollowUpRescheduled', { followUpId: arbFollowUpId, dueOn: arbLocalDate() }),
  ev('FollowUpKept', { followUpId: arbFollowUpId, comment: arbComment }),
  ev('FollowUpMissed', { followUpId: arbFollowUpId }),
  ev('FollowUpCancelled', { followUpId: arbFollowUpId }),
  ev('FollowUpDue', { followUpId: arbFollowUpId, dueOn: arbLocalDate() }),
  ev('FollowUpMarkedUnspecified', { followUpId: arbFollowUpId }),
  ev('FollowUpReminderDue', {
    followUpId: arbFollowUpId,
    dueOn: arbLocalDate(),
    daysBefore: fc.constantFrom(7, 1),
  }),
  ev('SessionPrescribed', {
    sessionId: arbSessionId,
    kind: fc.constantFrom(...sessionKinds),
    heldOn: arbLocalDate(),
    counsellorId: arbCounsellorId,
  }),
  ev('SessionOutcomeRecorded', {
    sessionId: arbSessionId,
    kind: fc.constantFrom(...sessionKinds),
    heldOn: arbLocalDate(),
    outcome: fc.constantFrom(...sessionOutcomes),
  }),
  ev('SessionReminderDue', {
    sessionId: arbSessionId,
    heldOn: arbLocalDate(),
    daysBefore: fc.constantFrom(7, 1),
  }),
  ev('SituationOngoingAtExit', {
    situationId: arbSituationId,
    kind: fc.constantFrom(...situationKinds),
    startedOn: arbLocalDate(),
    durable: fc.boolean(),
    qualifying: fc.boolean(),
  }),
  ev('JourneyClosed', { reason: fc.constantFrom(...exitReasons), comment: arbComment }),
  ev('JourneyReopened', { counsellorId: arbCounsellorId }),
  ev('PersonalDataErased', { keyId: id<KeyId>('key', 2) }),
  ev('IdentityRectified', { personalData: arbSealed }),
  ...cejEventProps(arbLocalDate(), arbSealed).map(([type, props]) => ev(type, props)),
) as fc.Arbitrary<JourneyEvent>

/** Options of a generated journey script. */
export interface JourneyScriptOptions {
  readonly youthId?: YouthId
  readonly missionLocaleId?: MissionLocaleId
  /** Mission locales the journey may be transferred to. */
  readonly otherMissionLocales?: ReadonlyArray<MissionLocaleId>
  /** How many steps after the registration (default 5 to 40). */
  readonly steps?: { readonly min: number; readonly max: number }
  /** Registration dates (default 2023-01-01 to 2025-12-31). */
  readonly registeredBetween?: { readonly min: LocalDate; readonly max: LocalDate }
  /**
   * How the counsellor dates commands: on the day ('forward', the default), or also after the
   * fact, anywhere back to the registration ('anywhere'; a command refused so is sent on the day).
   */
  readonly dating?: 'forward' | 'anywhere'
  /** The decider the script is checked against (default: the journey decider, default policy). */
  readonly decider?: Decider<JourneyCommand, JourneyState, JourneyEvent, JourneyError>
}

// A birth date giving the wanted age on the registration date; sometimes a 29 February.
const birthDateFor = (
  registeredOn: LocalDate,
  years: number,
  extraDays: number,
  leapDay: boolean,
): LocalDate => {
  const plain = addDays(addYears(registeredOn, -years), -extraDays)
  if (!leapDay) return plain
  let y = Number(plain.slice(0, 4))
  while (!isLeapYear(y)) y -= 1
  const leap = localDateOf(y, 2, 29)
  return ageOn(leap, registeredOn) === ageOn(plain, registeredOn) ? leap : plain
}

const arbSettings = (o: JourneyScriptOptions): fc.Arbitrary<JourneySettings> =>
  fc
    .record({
      youthId: o.youthId === undefined ? id<YouthId>('youth', 1000) : fc.constant(o.youthId),
      missionLocaleId: o.missionLocaleId === undefined ? arbMissionLocaleId : fc.constant(o.missionLocaleId),
      registeredOn: arbLocalDate(
        o.registeredBetween ?? { min: '2023-01-01' as LocalDate, max: '2025-12-31' as LocalDate },
      ),
      rqthChance: fc.integer({ min: 0, max: 9 }),
      years: fc.integer({ min: 16, max: 25 }),
      rqthYears: fc.integer({ min: 16, max: 29 }),
      extraDays: fc.integer({ min: 0, max: 360 }),
      leapDay: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
      sealed: fc.boolean(),
      seeds: fc.array(fc.nat(), { minLength: o.steps?.min ?? 5, maxLength: o.steps?.max ?? 40, size: 'max' }),
    })
    .map((g) => {
      const rqth = g.rqthChance === 0
      return {
        youthId: g.youthId,
        missionLocaleId: g.missionLocaleId,
        otherMissionLocales: o.otherMissionLocales ?? [],
        birthDate: birthDateFor(g.registeredOn, rqth ? g.rqthYears : g.years, g.extraDays, g.leapDay),
        rqth,
        registeredOn: g.registeredOn,
        sealed: g.sealed,
        seeds: g.seeds,
        backdating: o.dating === 'anywhere',
      }
    })

/** A valid journey script with the events it produced: what a counsellor could do for one young person. */
export const arbJourney = (o: JourneyScriptOptions = {}): fc.Arbitrary<JourneyScript> =>
  arbSettings(o).map((settings) => buildJourneyScript(settings, o.decider ?? journeyDecider))

/** The commands of a valid journey: registration first, dates moving forward, every command accepted. */
export const arbJourneyScript = (o: JourneyScriptOptions = {}): fc.Arbitrary<ReadonlyArray<JourneyCommand>> =>
  arbJourney(o).map((j) => j.commands)

/** Options of a generated history. */
export interface JourneyHistoryOptions {
  /** How many young people (default 5). */
  readonly youths?: number
  /** How many mission locales, `ml-1`… (default 2). */
  readonly missionLocales?: number
  /** Steps per journey (default 5 to 40). */
  readonly steps?: { readonly min: number; readonly max: number }
  readonly registeredBetween?: { readonly min: LocalDate; readonly max: LocalDate }
}

/** Several young people's journeys, ids `youth-1`…, spread over the mission locales, transfers included. */
export const arbJourneyHistory = (
  o: JourneyHistoryOptions = {},
): fc.Arbitrary<ReadonlyArray<JourneyScript>> => {
  const youths = o.youths ?? 5
  const mls = Array.from(
    { length: Math.max(1, o.missionLocales ?? 2) },
    (_, i) => `ml-${i + 1}` as MissionLocaleId,
  )
  return fc.tuple(
    ...Array.from({ length: youths }, (_, i) =>
      arbJourney({
        youthId: `youth-${i + 1}` as YouthId,
        missionLocaleId: mls[i % mls.length]!,
        otherMissionLocales: mls,
        ...(o.steps === undefined ? {} : { steps: o.steps }),
        ...(o.registeredBetween === undefined ? {} : { registeredBetween: o.registeredBetween }),
      }),
    ),
  )
}
