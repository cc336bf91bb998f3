import { journeyAgeLimitOn } from '../decider/ageLimit.js'
import type { Decider } from '../decider/decider.js'
import { journeyDecider } from '../decider/journeyDecider.js'
import { ageLimitsOf } from '../model/ageLimits.js'
import { addDays, addMonths, daysBetween } from '../model/calendar.js'
import type { JourneyCommand } from '../model/commands.js'
import type { JourneyError } from '../model/errors.js'
import type { JourneyEvent } from '../model/events.js'
import type {
  CounsellorId,
  FollowUpId,
  KeyId,
  MissionLocaleId,
  PhaseId,
  ProposalId,
  RequestId,
  SessionId,
  SituationId,
  YouthId,
} from '../model/ids.js'
import type { LocalDate } from '../model/localDate.js'
import type { Sealed } from '../model/sealed.js'
import type { AgedJourney, JourneyState, RegisteredJourney } from '../model/state.js'
import { pendingFollowUps, runningPhase, trainingsInProgress } from '../model/state.js'
import type {
  ContractType,
  ExitReason,
  OtherSituationKind,
  ProgrammeExitReason,
  RecordableProposalOutcome,
} from '../model/vocabulary.js'
import { appointmentKinds, themes } from '../model/vocabulary.js'
import { sealAgeLimitsForTest } from './openedAgeLimits.js'
import type { Random } from './random.js'
import { seededRandom } from './random.js'

// ---------------------------------------------------------------------------------------------
// A simulated counsellor: from a list of seeds, the commands a real counsellor could issue for
// one young person, dates moving forward, each checked against the decider (a refused one is
// dropped, so the script is always valid).
// ---------------------------------------------------------------------------------------------

/** What a journey script is built from. */
export interface JourneySettings {
  readonly youthId: YouthId
  readonly missionLocaleId: MissionLocaleId
  /** Where the journey may be transferred to. */
  readonly otherMissionLocales: ReadonlyArray<MissionLocaleId>
  readonly birthDate: LocalDate
  readonly rqth: boolean
  readonly registeredOn: LocalDate
  /** Whether identity and comments are sealed (else null, as without a vault). */
  readonly sealed: boolean
  /** One seed per step after the registration. */
  readonly seeds: ReadonlyArray<number>
  /** Whether commands are also tried dated back, anywhere after the registration (saisie a posteriori). */
  readonly backdating?: boolean
}

/** A built script: the commands and the events the decider accepted for them. */
export interface JourneyScript {
  readonly youthId: YouthId
  readonly missionLocaleId: MissionLocaleId
  readonly commands: ReadonlyArray<JourneyCommand>
  readonly events: ReadonlyArray<JourneyEvent>
  readonly state: JourneyState
}

type Draft = { readonly on: LocalDate } & DistributiveOmit<JourneyCommand, 'youthId' | 'missionLocaleId'>
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

const counsellorOf = (ml: MissionLocaleId, k: number): CounsellorId => `${ml}-c${k}` as CounsellorId
const gaps = [0, 0, 1, 1, 2, 3, 5, 7, 10, 14, 21] as const

const sealedFor = (settings: JourneySettings, r: Random): Sealed | null =>
  settings.sealed
    ? {
        keyId: `key-${settings.youthId}` as KeyId,
        alg: 'A256GCM',
        iv: `iv${r.int(1e6)}`,
        ciphertext: `ct${r.int(1e9)}`,
        tag: `tg${r.int(1e6)}`,
      }
    : null

const contractDraft = (r: Random): { contract: ContractType; durationMonths: number | null } => {
  const contract = r.weighted<ContractType>({
    CDI: 20,
    CDD: 35,
    temporary: 25,
    subsidised: 10,
    apprenticeship: 10,
  })
  const durationMonths =
    contract === 'CDD'
      ? r.between(1, 18)
      : contract === 'temporary'
        ? r.chance(0.5)
          ? null
          : r.between(1, 3)
        : contract === 'subsidised'
          ? r.between(6, 24)
          : contract === 'apprenticeship'
            ? r.between(12, 36)
            : null
  return { contract, durationMonths }
}

const exitReasonFor = (s: RegisteredJourney, r: Random): ExitReason => {
  const current = Object.values(s.situations).filter((x) => x.endedOn === null)
  if (current.some((x) => x.durable)) return 'durable-employment'
  if (current.some((x) => x.kind === 'training' && x.qualifying)) return 'qualifying-training'
  if (current.some((x) => x.kind === 'employment')) return 'other-employment'
  const missed = Object.values(s.followUps).filter((f) => f.status === 'absent').length
  if (missed >= 2 && r.chance(0.7)) return 'lost-contact'
  return r.weighted<ExitReason>({ 'moved-away': 3, 'youth-request': 3, 'lost-contact': 2, other: 2 })
}

const unusedProposals = (s: RegisteredJourney, theme: string): ReadonlyArray<ProposalId> => {
  const used = new Set(Object.values(s.situations).map((x) => x.proposalId))
  return Object.entries(s.proposals)
    .filter(
      ([id, p]) =>
        p.theme === theme &&
        (p.status === 'accepted' || p.outcome === 'carried-out') &&
        !used.has(id as ProposalId),
    )
    .map(([id]) => id as ProposalId)
}

/** A PACEA phase: the running one ends, or the next one starts (ending with the PACEA at the latest). */
const phaseStep = (s: RegisteredJourney, on: LocalDate, n: number, r: Random): Draft | null => {
  const open = s.programme
  if (open === null || open.programme !== 'PACEA') return null
  const running = runningPhase(s)
  if (running !== null) return { type: 'EndPaceaPhase', on, phaseId: running }
  const end = addMonths(on, r.between(1, 8))
  return {
    type: 'StartPaceaPhase',
    on,
    phaseId: `ph-${n}` as PhaseId,
    plannedEndOn: end < open.plannedEndOn ? end : open.plannedEndOn,
  }
}

/** An immersion (up to 4 weeks), a volunteering or a schooling starts. */
const otherSituationDraft = (on: LocalDate, n: number, r: Random): Draft => {
  const kind = r.weighted<OtherSituationKind>({ immersion: 3, volunteering: 1, schooling: 1 })
  const plannedEndOn =
    kind === 'immersion'
      ? addDays(on, r.between(3, 28))
      : addMonths(on, r.between(kind === 'volunteering' ? 6 : 3, 12))
  return { type: 'StartSituation', on, situationId: `s-${n}` as SituationId, kind, plannedEndOn }
}

/** A collective session: registered to one (sometimes full), refused, or attendance taken after it. */
const sessionStep = (s: RegisteredJourney, on: LocalDate, n: number, r: Random): Draft => {
  const open = Object.entries(s.sessions).filter(([, x]) => x.outcome === null)
  const held = open.find(([, x]) => x.heldOn <= on)
  if (held !== undefined)
    return { type: 'RecordSessionAttendance', on, sessionId: held[0] as SessionId, present: r.chance(0.7) }
  const [first] = open
  if (first !== undefined && r.chance(0.3))
    return {
      type: 'RefuseSession',
      on,
      sessionId: first[0] as SessionId,
      by: r.chance(0.6) ? 'youth' : 'third-party',
    }
  return {
    type: 'PrescribeSession',
    on,
    sessionId: `session-${n}` as SessionId,
    kind: r.chance(0.6) ? 'workshop' : 'information-session',
    heldOn: addDays(on, r.between(0, 21)),
    capacity: 12,
    registrations: r.between(0, 12),
  }
}

/** The next command for an open journey, as of `date`. */
const openStep = (
  s: AgedJourney,
  date: LocalDate,
  n: number,
  settings: JourneySettings,
  r: Random,
): Draft => {
  const pending = pendingFollowUps(s)
    .map((id) => ({ id, ...s.followUps[id]! }))
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1))
  const openProposals = Object.entries(s.proposals).filter(([, p]) => p.outcome === null)
  const inProgress = Object.entries(s.situations).filter(([, x]) => x.endedOn === null)
  const action = r.weighted({
    meeting: pending.length > 0 ? 30 : 0,
    time: 8,
    request: 4,
    diagnostic: s.diagnosticOn === null ? 8 : 1,
    programme: 6,
    phase:
      s.programme?.programme !== 'PACEA'
        ? 0
        : s.programme.phasesStarted === 0 || runningPhase(s) !== null
          ? 14
          : 4,
    offer: 14,
    answer: openProposals.length > 0 ? 14 : 0,
    situation: 8,
    followUps: 4,
    session: 5,
    counsellor: 2,
    close: 3,
  })
  const on = addDays(date, r.pick(gaps))
  switch (action) {
    case 'meeting': {
      const f = pending[0]!
      const meetOn = f.dueOn > date ? f.dueOn : date
      return r.chance(0.8)
        ? {
            type: 'KeepFollowUp',
            on: meetOn,
            followUpId: f.id,
            comment: r.chance(0.3) ? sealedFor(settings, r) : null,
          }
        : r.chance(0.6)
          ? { type: 'MissFollowUp', on: meetOn, followUpId: f.id }
          : { type: 'MarkFollowUpUnspecified', on: meetOn, followUpId: f.id }
    }
    case 'session':
      return sessionStep(s, on, n, r)
    case 'time':
      return { type: 'ApplyTimeRules', on: addDays(date, r.between(1, 40)) }
    case 'request':
      return {
        type: 'RecordRequest',
        on,
        requestId: `r-${n}` as RequestId,
        theme: r.pick(themes),
        comment: r.chance(0.3) ? sealedFor(settings, r) : null,
      }
    case 'diagnostic':
      return { type: 'CompleteDiagnostic', on, comment: r.chance(0.5) ? sealedFor(settings, r) : null }
    case 'programme': {
      const open = s.programme
      if (open === null) {
        if (
          s.diagnosticOn !== null &&
          on <= addMonths(s.diagnosticOn, 1) &&
          on < s.ageLimitOn &&
          r.chance(0.6)
        )
          return {
            type: 'EnterProgramme',
            on,
            programme: 'PACEA',
            plannedEndOn: addMonths(on, r.between(3, 24)),
          }
        if (trainingsInProgress(s).length === 0 && s.lastProgrammeExitOn === null)
          return {
            type: 'EnterProgramme',
            on,
            programme: 'CEJ',
            plannedEndOn: addMonths(on, r.between(6, 12)),
          }
        return { type: 'CompleteDiagnostic', on, comment: null }
      }
      const extendTo = addMonths(open.enteredOn, r.between(13, 18))
      if (open.programme === 'CEJ' && extendTo > open.plannedEndOn && r.chance(0.4))
        return { type: 'ExtendProgramme', on, plannedEndOn: extendTo }
      const exitOn = addDays(on, r.between(20, 120))
      return {
        type: 'ExitProgramme',
        on: exitOn < open.plannedEndOn ? exitOn : open.plannedEndOn > on ? open.plannedEndOn : on,
        reason: r.weighted<ProgrammeExitReason>({ completed: 3, autonomy: 3, 'youth-request': 2, breach: 1 }),
      }
    }
    case 'phase':
      return phaseStep(s, on, n, r) ?? { type: 'ApplyTimeRules', on }
    case 'offer':
      return {
        type: 'OfferProposal',
        on,
        proposalId: `p-${n}` as ProposalId,
        theme: r.pick(themes),
        respondBy: addDays(on, r.between(7, 45)),
      }
    case 'answer': {
      const [id, p] = r.pick(openProposals)
      const proposalId = id as ProposalId
      if (p.status === 'offered' && r.chance(0.4)) return { type: 'AcceptProposal', on, proposalId }
      const outcome: RecordableProposalOutcome =
        p.status === 'accepted'
          ? r.weighted<RecordableProposalOutcome>({ 'carried-out': 65, 'refused-by-third-party': 35 })
          : r.weighted<RecordableProposalOutcome>({
              'carried-out': 40,
              'refused-by-youth': 35,
              'refused-by-third-party': 25,
            })
      return { type: 'RecordProposalOutcome', on, proposalId, outcome }
    }
    case 'situation': {
      if (inProgress.length > 0 && r.chance(0.35)) {
        const [id, x] = r.pick(inProgress)
        const endOn = addDays(on, r.between(0, 90))
        const situationId = id as SituationId
        if (x.kind === 'training')
          return {
            type: 'EndTraining',
            on: endOn,
            trainingId: situationId,
            result: r.chance(0.7) ? 'completed' : 'abandoned',
          }
        if (x.kind === 'employment') return { type: 'EndEmployment', on: endOn, employmentId: situationId }
        if (x.kind === 'immersion' && x.renewedOn === null && x.plannedEndOn !== null && r.chance(0.4))
          return {
            type: 'RenewImmersion',
            on,
            situationId,
            plannedEndOn: addDays(x.plannedEndOn, r.between(3, 28)),
          }
        return { type: 'EndSituation', on: x.kind === 'immersion' ? on : endOn, situationId }
      }
      if (r.chance(0.2)) return otherSituationDraft(on, n, r)
      const trainingId = `s-${n}` as SituationId
      const fromTraining = unusedProposals(s, 'training')[0] ?? unusedProposals(s, 'apprenticeship')[0]
      if (fromTraining !== undefined || r.chance(0.4))
        return {
          type: 'StartTraining',
          on,
          trainingId,
          proposalId: fromTraining ?? null,
          qualifying: r.chance(0.6),
          plannedEndOn: r.chance(0.8) ? addMonths(on, r.between(2, 12)) : null,
        }
      const fromJob = unusedProposals(s, 'employment')[0] ?? null
      return {
        type: 'StartEmployment',
        on,
        employmentId: trainingId,
        proposalId: fromJob,
        ...contractDraft(r),
      }
    }
    case 'followUps': {
      const f = pending[pending.length - 1]
      if (f === undefined || r.chance(0.4))
        return {
          type: 'ScheduleFollowUp',
          on,
          followUpId: `f-${n}` as FollowUpId,
          dueOn: addDays(on, r.between(1, 30)),
          kind: r.pick(appointmentKinds),
        }
      return r.chance(0.6)
        ? { type: 'RescheduleFollowUp', on, followUpId: f.id, dueOn: addDays(on, r.between(1, 21)) }
        : { type: 'CancelFollowUp', on, followUpId: f.id }
    }
    case 'counsellor': {
      const target = settings.otherMissionLocales.find((ml) => ml !== s.missionLocaleId)
      if (target !== undefined && r.chance(0.3))
        return {
          type: 'TransferJourney',
          on,
          toMissionLocaleId: target,
          counsellorId: counsellorOf(target, r.between(1, 3)),
        }
      const others = [1, 2, 3, 4]
        .map((k) => counsellorOf(s.missionLocaleId, k))
        .filter((c) => c !== s.counsellorId)
      return { type: 'AssignCounsellor', on, counsellorId: r.pick(others) }
    }
    case 'close': {
      const reason = exitReasonFor(s, r)
      return {
        type: 'CloseJourney',
        on,
        reason,
        comment: reason === 'other' ? (sealedFor(settings, r) ?? sealedStub(settings)) : null,
      }
    }
  }
}

// A closing for 'other' needs a comment even without a vault: a stand-in sealed value.
const sealedStub = (settings: JourneySettings): Sealed => ({
  keyId: `key-${settings.youthId}` as KeyId,
  alg: 'A256GCM',
  iv: 'stub',
  ciphertext: 'stub',
  tag: 'stub',
})

/** The next command for a closed journey: reopened sometimes, erased rarely, else nothing. */
const closedStep = (s: AgedJourney, date: LocalDate, r: Random): Draft | null => {
  const on = addDays(date, r.between(7, 150))
  if (r.chance(0.25) && on < journeyAgeLimitOn(s))
    return { type: 'ReopenJourney', on, counsellorId: counsellorOf(s.missionLocaleId, r.between(1, 4)) }
  if (!s.personalDataErased && r.chance(0.05)) return { type: 'ErasePersonalData', on }
  return null
}

/** The same command dated `on`, its other dates (planned end, respond-by, due, held) moved alike. */
export const redated = <C extends JourneyCommand>(c: C, on: LocalDate): C => {
  const delta = daysBetween(c.on, on)
  const shifted: Record<string, unknown> = { ...c, on }
  for (const field of ['plannedEndOn', 'respondBy', 'dueOn', 'heldOn'])
    if (typeof shifted[field] === 'string') shifted[field] = addDays(shifted[field] as LocalDate, delta)
  return shifted as C
}

// The same command dated back by up to its distance to the registration.
const backdated = (c: JourneyCommand, registeredOn: LocalDate, r: Random): JourneyCommand | null => {
  const span = daysBetween(registeredOn, c.on)
  return span <= 0 ? null : redated(c, addDays(c.on, -r.between(1, span)))
}

/** Builds a valid journey script from its settings (see JourneySettings). */
export const buildJourneyScript = (
  settings: JourneySettings,
  decider: Decider<JourneyCommand, JourneyState, JourneyEvent, JourneyError> = journeyDecider,
): JourneyScript => {
  const commands: JourneyCommand[] = []
  const events: JourneyEvent[] = []
  let state = decider.initialState
  let date = settings.registeredOn
  const issue = (command: JourneyCommand): boolean => {
    const decision = decider.decide(command, state)
    if (decision._tag === 'Left') return false
    commands.push(command)
    events.push(...decision.right)
    state = decision.right.reduce(decider.evolve, state)
    if (command.on > date) date = command.on
    return true
  }
  // The script is its own shell: it knows the birth date, so every command carries the limits opened.
  const ageLimits = ageLimitsOf(settings.birthDate, settings.rqth, journeyDecider.policy)
  const ids = { youthId: settings.youthId, ageLimits }
  const first = settings.seeds[0] ?? 0
  issue({
    type: 'RegisterYouth',
    ...ids,
    missionLocaleId: settings.missionLocaleId,
    on: settings.registeredOn,
    counsellorId: counsellorOf(settings.missionLocaleId, 1 + (first % 4)),
    birthDate: settings.birthDate,
    rqth: settings.rqth,
    personalData: sealedFor(settings, seededRandom(first)),
    sealedAgeLimits: sealAgeLimitsForTest(ageLimits),
  })
  settings.seeds.forEach((seed, n) => {
    if (state.status === 'unregistered') return
    const r = seededRandom(seed)
    const aged = { ...state, ...ageLimits }
    const draft = aged.status === 'open' ? openStep(aged, date, n, settings, r) : closedStep(aged, date, r)
    if (draft === null) return
    // Past the age limit only the clock acts: it closes the journey.
    const command = { ...draft, ...ids, missionLocaleId: state.missionLocaleId } as JourneyCommand
    const limit = journeyAgeLimitOn(aged)
    const chosen: JourneyCommand =
      state.status === 'open' && command.on >= limit
        ? { type: 'ApplyTimeRules', ...ids, missionLocaleId: state.missionLocaleId, on: command.on }
        : command
    const back =
      settings.backdating === true && r.chance(0.5) ? backdated(chosen, settings.registeredOn, r) : null
    if (back === null || !issue(back)) issue(chosen)
  })
  return { youthId: settings.youthId, missionLocaleId: settings.missionLocaleId, commands, events, state }
}
