import type {
  ExitReason as Reason,
  AppointmentKind,
  JourneyEvent,
  ProgrammeExitReason,
  ProposalOutcome as Outcome,
  RecordedEvent,
  SessionKind,
  SessionOutcome,
  SituationKind,
  Theme,
} from '@parcours/domain'
import { JourneyEvent as JourneyEventCodec } from '@parcours/domain'
import { openAgeLimitsForTest, sealAgeLimitsForTest } from '@parcours/domain/testing'
import {
  type OpenedAgeLimits,
  type WorklistQuery,
  worklistSealedAgeLimits,
} from '../worklist/queryWorklist.js'
import type { WorklistReadModel } from '../worklist/worklistProjection.js'

// ---------------------------------------------------------------------------------------------
// Test support: hand-built journeys. Each call appends one event; every event is checked against
// its codec so a test never folds something the store would refuse.
// ---------------------------------------------------------------------------------------------

const sealed = { keyId: 'key-1', alg: 'A256GCM', iv: 'aXY=', ciphertext: 'Y2lwaGVy', tag: 'dGFn' } as const

/** A journey under construction; each method appends one event and returns the builder. */
export interface JourneyBuilder {
  readonly events: ReadonlyArray<JourneyEvent>
  readonly register: (on: string, o?: { ageLimitOn?: string; cejAgeLimitOn?: string }) => JourneyBuilder
  readonly assign: (on: string, to: string) => JourneyBuilder
  readonly transfer: (on: string, to: string, toCounsellor: string) => JourneyBuilder
  readonly request: (on: string, requestId: string, theme?: Theme) => JourneyBuilder
  readonly diagnostic: (on: string) => JourneyBuilder
  readonly programme: (on: string, programme: 'PACEA' | 'CEJ', plannedEndOn: string) => JourneyBuilder
  readonly extend: (on: string, programme: 'PACEA' | 'CEJ', plannedEndOn: string) => JourneyBuilder
  readonly exitProgramme: (
    on: string,
    programme: 'PACEA' | 'CEJ',
    reason?: ProgrammeExitReason,
  ) => JourneyBuilder
  readonly offer: (
    on: string,
    proposalId: string,
    theme: Theme,
    respondBy: string,
    partnerOfferId?: string,
  ) => JourneyBuilder
  readonly accept: (on: string, proposalId: string, theme: Theme) => JourneyBuilder
  readonly outcome: (
    on: string,
    proposalId: string,
    theme: Theme,
    outcome: Outcome,
    offeredOn: string,
  ) => JourneyBuilder
  readonly training: (on: string, trainingId: string, qualifying?: boolean) => JourneyBuilder
  readonly trainingEnded: (on: string, trainingId: string) => JourneyBuilder
  readonly employment: (on: string, employmentId: string, durable: boolean) => JourneyBuilder
  readonly employmentEnded: (on: string, employmentId: string) => JourneyBuilder
  readonly phase: (on: string, phaseId: string, plannedEndOn: string) => JourneyBuilder
  readonly phaseEnded: (on: string, phaseId: string) => JourneyBuilder
  readonly situation: (
    on: string,
    situationId: string,
    kind: 'immersion' | 'volunteering' | 'schooling',
    plannedEndOn: string,
  ) => JourneyBuilder
  readonly situationEnded: (
    on: string,
    situationId: string,
    kind: 'immersion' | 'volunteering' | 'schooling',
  ) => JourneyBuilder
  readonly renewed: (on: string, situationId: string, plannedEndOn: string) => JourneyBuilder
  readonly schedule: (on: string, followUpId: string, dueOn: string, kind?: AppointmentKind) => JourneyBuilder
  readonly reschedule: (on: string, followUpId: string, dueOn: string) => JourneyBuilder
  readonly kept: (on: string, followUpId: string) => JourneyBuilder
  readonly missed: (on: string, followUpId: string) => JourneyBuilder
  readonly cancelled: (on: string, followUpId: string) => JourneyBuilder
  readonly due: (on: string, followUpId: string, dueOn: string) => JourneyBuilder
  readonly unspecified: (on: string, followUpId: string) => JourneyBuilder
  readonly reminder: (on: string, followUpId: string, dueOn: string, daysBefore: number) => JourneyBuilder
  readonly prescribe: (on: string, sessionId: string, kind: SessionKind, heldOn: string) => JourneyBuilder
  readonly sessionOutcome: (
    on: string,
    sessionId: string,
    kind: SessionKind,
    heldOn: string,
    outcome: SessionOutcome,
  ) => JourneyBuilder
  readonly ongoingAtExit: (
    on: string,
    situationId: string,
    kind: SituationKind,
    startedOn: string,
  ) => JourneyBuilder
  readonly close: (on: string, reason: Reason) => JourneyBuilder
  readonly reopen: (on: string, to?: string) => JourneyBuilder
  readonly erase: (on: string) => JourneyBuilder
}

/** A journey under construction for one young person. */
export const journey = (youthId: string, missionLocaleId: string, counsellorId = 'c1'): JourneyBuilder => {
  const events: JourneyEvent[] = []
  let ml = missionLocaleId
  let counsellor = counsellorId
  const push = (type: string, on: string, props: Record<string, unknown> = {}): JourneyBuilder => {
    const e = { type, youthId, missionLocaleId: ml, on, ...props }
    if (!JourneyEventCodec.is(e)) throw new Error(`invalid test event ${JSON.stringify(e)}`)
    events.push(e)
    return b
  }
  const b: JourneyBuilder = {
    events,
    register: (on: string, o: { ageLimitOn?: string; cejAgeLimitOn?: string } = {}) =>
      push('YouthRegistered', on, {
        counsellorId: counsellor,
        ageBand: '18-21',
        sealedAgeLimits: sealAgeLimitsForTest({
          ageLimitOn: o.ageLimitOn ?? '2032-01-01',
          cejAgeLimitOn: o.cejAgeLimitOn ?? o.ageLimitOn ?? '2032-01-01',
        }),
        personalData: sealed,
      }),
    assign: (on: string, to: string) => {
      const previous = counsellor
      counsellor = to
      return push('CounsellorAssigned', on, { counsellorId: to, previousCounsellorId: previous })
    },
    transfer: (on: string, to: string, toCounsellor: string) => {
      const from = ml
      ;[ml, counsellor] = [to, toCounsellor]
      return push('JourneyTransferred', on, { fromMissionLocaleId: from, counsellorId: toCounsellor })
    },
    request: (on: string, requestId: string, theme: Theme = 'training') =>
      push('RequestRecorded', on, { requestId, theme, comment: sealed }),
    diagnostic: (on: string) => push('DiagnosticCompleted', on, { comment: sealed }),
    programme: (on: string, programme: 'PACEA' | 'CEJ', plannedEndOn: string) =>
      push('ProgrammeEntered', on, { programme, plannedEndOn }),
    extend: (on: string, programme: 'PACEA' | 'CEJ', plannedEndOn: string) =>
      push('ProgrammeExtended', on, { programme, plannedEndOn }),
    exitProgramme: (on: string, programme: 'PACEA' | 'CEJ', reason: ProgrammeExitReason = 'completed') =>
      push('ProgrammeExited', on, { programme, reason }),
    offer: (on: string, proposalId: string, theme: Theme, respondBy: string, partnerOfferId?: string) =>
      push('ProposalOffered', on, {
        proposalId,
        theme,
        respondBy,
        counsellorId: counsellor,
        training: null,
        partnerOffer:
          partnerOfferId === undefined ? null : { partner: 'france-travail', offerId: partnerOfferId },
      }),
    accept: (on: string, proposalId: string, theme: Theme) =>
      push('ProposalAccepted', on, { proposalId, theme }),
    outcome: (on: string, proposalId: string, theme: Theme, outcome: Outcome, offeredOn: string) =>
      push('ProposalOutcomeRecorded', on, { proposalId, theme, outcome, offeredOn }),
    training: (on: string, trainingId: string, qualifying = true) =>
      push('TrainingStarted', on, {
        trainingId,
        proposalId: null,
        qualifying,
        plannedEndOn: null,
        training: null,
      }),
    trainingEnded: (on: string, trainingId: string) =>
      push('TrainingEnded', on, { trainingId, result: 'completed' }),
    employment: (on: string, employmentId: string, durable: boolean) =>
      push('EmploymentStarted', on, {
        employmentId,
        proposalId: null,
        contract: durable ? 'CDI' : 'temporary',
        durationMonths: null,
        durable,
      }),
    employmentEnded: (on: string, employmentId: string) => push('EmploymentEnded', on, { employmentId }),
    phase: (on: string, phaseId: string, plannedEndOn: string) =>
      push('PaceaPhaseStarted', on, { phaseId, plannedEndOn }),
    phaseEnded: (on: string, phaseId: string) => push('PaceaPhaseEnded', on, { phaseId }),
    situation: (
      on: string,
      situationId: string,
      kind: 'immersion' | 'volunteering' | 'schooling',
      plannedEndOn: string,
    ) => push('SituationStarted', on, { situationId, kind, plannedEndOn }),
    situationEnded: (on: string, situationId: string, kind: 'immersion' | 'volunteering' | 'schooling') =>
      push('SituationEnded', on, { situationId, kind }),
    renewed: (on: string, situationId: string, plannedEndOn: string) =>
      push('ImmersionRenewed', on, { situationId, plannedEndOn }),
    schedule: (
      on: string,
      followUpId: string,
      dueOn: string,
      kind: AppointmentKind = 'individual-interview',
    ) => push('FollowUpScheduled', on, { followUpId, dueOn, kind, counsellorId: counsellor }),
    reschedule: (on: string, followUpId: string, dueOn: string) =>
      push('FollowUpRescheduled', on, { followUpId, dueOn }),
    kept: (on: string, followUpId: string) => push('FollowUpKept', on, { followUpId, comment: sealed }),
    missed: (on: string, followUpId: string) => push('FollowUpMissed', on, { followUpId }),
    cancelled: (on: string, followUpId: string) => push('FollowUpCancelled', on, { followUpId }),
    due: (on: string, followUpId: string, dueOn: string) => push('FollowUpDue', on, { followUpId, dueOn }),
    unspecified: (on: string, followUpId: string) => push('FollowUpMarkedUnspecified', on, { followUpId }),
    reminder: (on: string, followUpId: string, dueOn: string, daysBefore: number) =>
      push('FollowUpReminderDue', on, { followUpId, dueOn, daysBefore }),
    prescribe: (on: string, sessionId: string, kind: SessionKind, heldOn: string) =>
      push('SessionPrescribed', on, { sessionId, kind, heldOn, counsellorId: counsellor }),
    sessionOutcome: (
      on: string,
      sessionId: string,
      kind: SessionKind,
      heldOn: string,
      outcome: SessionOutcome,
    ) => push('SessionOutcomeRecorded', on, { sessionId, kind, heldOn, outcome }),
    ongoingAtExit: (on: string, situationId: string, kind: SituationKind, startedOn: string) =>
      push('SituationOngoingAtExit', on, { situationId, kind, startedOn, durable: false, qualifying: false }),
    close: (on: string, reason: Reason) =>
      push('JourneyClosed', on, { reason, comment: reason === 'other' ? sealed : null }),
    reopen: (on: string, to = counsellor) => {
      counsellor = to
      return push('JourneyReopened', on, { counsellorId: to })
    },
    erase: (on: string) => push('PersonalDataErased', on, { keyId: 'key-1' }),
  }
  return b
}

/** The stream name of a young person's journey. */
export const streamOf = (youthId: string): string => `journey-${youthId}`

/**
 * Records journeys as a store would: revisions per stream, global positions from 1. `order` lists
 * which journey gives its next event at each step (default: one journey after the other).
 */
export const record = (
  journeys: ReadonlyArray<ReadonlyArray<JourneyEvent>>,
  order?: ReadonlyArray<number>,
): ReadonlyArray<RecordedEvent<JourneyEvent>> => {
  const cursors = journeys.map(() => 0)
  const sequence = order ?? journeys.flatMap((events, i) => events.map(() => i))
  return sequence.map((i, n) => {
    const event = journeys[i]?.[cursors[i] ?? 0]
    if (event === undefined) throw new Error(`journey ${i} has no event left`)
    const revision = BigInt(cursors[i] ?? 0)
    cursors[i] = (cursors[i] ?? 0) + 1
    return {
      id: `${event.youthId}-${revision}`,
      streamName: streamOf(event.youthId),
      revision,
      position: BigInt(n + 1),
      event,
      schemaVersion: 1,
      metadata: { tenant: event.missionLocaleId },
      recordedAt: '2026-01-01T00:00:00.000Z',
    }
  })
}

/** The age limits of a worklist's journeys, opened the way the test builder sealed them. */
export const openedForTest = (
  rm: WorklistReadModel,
  query: Pick<WorklistQuery, 'missionLocaleId' | 'counsellorId'>,
): ReadonlyMap<string, OpenedAgeLimits> =>
  new Map(
    worklistSealedAgeLimits(rm, query).flatMap(({ youthId, sealed }) => {
      const opened = openAgeLimitsForTest(sealed)
      return opened === undefined ? [] : [[youthId, opened] as const]
    }),
  )
