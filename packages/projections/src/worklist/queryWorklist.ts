import { ageLimitsInForce, type Sealed } from '@parcours/domain'
import { addDays, daysBetween } from '../model/dates.js'
import { docEntries } from '../model/docMap.js'
import type { PendingFollowUp, WorklistReadModel, WorklistYouth } from './worklistProjection.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** Whose worklist, as of which date ('YYYY-MM-DD'). */
export interface WorklistQuery {
  readonly missionLocaleId: string
  readonly counsellorId: string
  readonly asOf: string
  /**
   * The age limits the reader opened, by young person (`worklistSealedAgeLimits` says which to
   * open): a young person without an entry gets no age-limit alert.
   */
  readonly ageLimits?: ReadonlyMap<string, OpenedAgeLimits>
  /**
   * The partner offers found withdrawn upstream (offer id → when, ISO), from the offer catalogue:
   * given, the worklist lists the open proposals made from them (`partnerOffersWithdrawn`).
   */
  readonly withdrawnOffers?: ReadonlyMap<string, string>
}

/** A young person's age limits, opened from the read model's sealed value. */
export interface OpenedAgeLimits {
  readonly ageLimitOn: string
  readonly cejAgeLimitOn: string
}

/** A follow-up alert. `days` is days overdue (overdue list) or days left (due-soon list). */
export interface FollowUpAlert {
  readonly youthId: string
  readonly followUpId: string
  readonly dueOn: string
  readonly days: number
}

/**
 * A reminder falling due on `asOf`: an appointment (a follow-up) or a collective session the young
 * person is registered to, `daysBefore` days ahead (7 and 1 by default) — and planned by then.
 */
export interface ReminderAlert {
  readonly youthId: string
  readonly of: 'appointment' | 'session'
  /** The follow-up's id, or the session's. */
  readonly id: string
  /** The appointment's kind, or the session's (workshop, information session). */
  readonly kind: string
  readonly on: string
  readonly daysBefore: number
}

/** A proposal past its respond-by date without an answer. */
export interface ProposalAlert {
  readonly youthId: string
  readonly proposalId: string
  readonly theme: string
  readonly respondBy: string
  readonly daysPast: number
}

/** An open proposal whose partner job offer was withdrawn upstream: the young person should hear of it. */
export interface WithdrawnOfferAlert {
  readonly youthId: string
  readonly proposalId: string
  readonly offerId: string
  readonly theme: string
  /** When the offer was found withdrawn (YYYY-MM-DD). */
  readonly withdrawnOn: string
}

/** A programme ending soon (`daysLeft` ≤ 0: past its planned end and still open). */
export interface ProgrammeAlert {
  readonly youthId: string
  readonly programme: string
  readonly plannedEndOn: string
  readonly daysLeft: number
}

/** A young person near the age limit (the CEJ limit while in a CEJ). */
export interface AgeLimitAlert {
  readonly youthId: string
  readonly ageLimitOn: string
  readonly daysLeft: number
}

/** A counsellor's worklist: each list sorted by date, then young person. Pseudonymous ids only. */
export interface Worklist {
  readonly missionLocaleId: string
  readonly counsellorId: string
  readonly asOf: string
  readonly overdueFollowUps: ReadonlyArray<FollowUpAlert>
  readonly followUpsDueSoon: ReadonlyArray<FollowUpAlert>
  readonly reminders: ReadonlyArray<ReminderAlert>
  readonly proposalsPastRespondBy: ReadonlyArray<ProposalAlert>
  readonly programmesEnding: ReadonlyArray<ProgrammeAlert>
  readonly ageLimitsNear: ReadonlyArray<AgeLimitAlert>
  /** Present when the query gave `withdrawnOffers`. */
  readonly partnerOffersWithdrawn?: ReadonlyArray<WithdrawnOfferAlert>
}

/** Alert windows, in days (defaults: 7, 30, 60; reminders 7 and 1 days before an appointment). */
export interface WorklistWindows {
  readonly followUpDays: number
  readonly programmeDays: number
  readonly ageLimitDays: number
  readonly reminderDays?: ReadonlyArray<number>
}

const defaultWindows: WorklistWindows = { followUpDays: 7, programmeDays: 30, ageLimitDays: 60 }
const defaultReminderDays: ReadonlyArray<number> = [7, 1]

// ---------------------------------------------------------------------------------------------
// the query
// ---------------------------------------------------------------------------------------------

const byDateThenYouth =
  <T extends { readonly youthId: string }>(date: (t: T) => string) =>
  (a: T, b: T): number =>
    date(a) < date(b)
      ? -1
      : date(a) > date(b)
        ? 1
        : a.youthId < b.youthId
          ? -1
          : a.youthId > b.youthId
            ? 1
            : 0

const mine = (y: WorklistYouth, q: Pick<WorklistQuery, 'missionLocaleId' | 'counsellorId'>): boolean =>
  y.open && y.missionLocaleId === q.missionLocaleId && y.counsellorId === q.counsellorId

/** The sealed age limits of the journeys in a counsellor's worklist: what its reader opens. */
export const worklistSealedAgeLimits = (
  rm: WorklistReadModel,
  query: Pick<WorklistQuery, 'missionLocaleId' | 'counsellorId'>,
): ReadonlyArray<{ readonly youthId: string; readonly sealed: Sealed }> =>
  [...docEntries(rm)].flatMap(([, y]) =>
    mine(y, query) && y.sealedAgeLimits !== null ? [{ youthId: y.youthId, sealed: y.sealedAgeLimits }] : [],
  )

/**
 * A counsellor's alerts as of a date, from the journeys currently open in their mission locale
 * and followed by them. A journey transferred away leaves the old mission locale's lists.
 *
 * @example
 * import { loadReadModel, queryWorklist, worklistProjection, type ProjectionSink } from '@parcours/projections'
 *
 * declare const sink: ProjectionSink
 * const rm = await loadReadModel(sink, worklistProjection)()
 * if (rm._tag === 'Right') {
 *   const alerts = queryWorklist(rm.right, { missionLocaleId: 'ml-rouen', counsellorId: 'c-1', asOf: '2025-06-02' })
 *   console.log(alerts.overdueFollowUps.length, alerts.ageLimitsNear.length)
 * }
 */
export const queryWorklist = (
  rm: WorklistReadModel,
  query: WorklistQuery,
  windows: WorklistWindows = defaultWindows,
): Worklist => {
  const { asOf } = query
  const withdrawn: WithdrawnOfferAlert[] = []
  const list: Omit<Worklist, 'missionLocaleId' | 'counsellorId' | 'asOf' | 'partnerOffersWithdrawn'> = {
    overdueFollowUps: [],
    followUpsDueSoon: [],
    reminders: [],
    proposalsPastRespondBy: [],
    programmesEnding: [],
    ageLimitsNear: [],
  }
  const push = <K extends keyof typeof list>(k: K, item: (typeof list)[K][number]): void =>
    void (list[k] as unknown[]).push(item)
  const remind = (
    youthId: string,
    of: ReminderAlert['of'],
    id: string,
    kind: string,
    on: string,
    plannedOn: string,
  ): void => {
    if (plannedOn > asOf) return
    for (const daysBefore of windows.reminderDays ?? defaultReminderDays)
      if (daysBetween(asOf, on) === daysBefore) push('reminders', { youthId, of, id, kind, on, daysBefore })
  }
  for (const [, y] of docEntries(rm)) {
    if (!mine(y, query)) continue
    const youthId = y.youthId
    const followUps = Object.entries(y.followUps)
    // Overdue from the day after its date (FollowUpDue is dated on the date itself: due today).
    const overdue = (f: PendingFollowUp): boolean => f.dueOn < asOf
    // A stale follow-up left pending is no alert while a later appointment is planned: that one is next.
    const nextPlanned = followUps.some(([, f]) => !overdue(f))
    for (const [followUpId, f] of followUps) {
      if (overdue(f)) {
        if (!nextPlanned)
          push('overdueFollowUps', { youthId, followUpId, dueOn: f.dueOn, days: daysBetween(f.dueOn, asOf) })
        continue
      }
      if (f.dueOn <= addDays(asOf, windows.followUpDays))
        push('followUpsDueSoon', { youthId, followUpId, dueOn: f.dueOn, days: daysBetween(asOf, f.dueOn) })
      remind(youthId, 'appointment', followUpId, f.kind, f.dueOn, f.scheduledOn)
    }
    for (const [sessionId, x] of Object.entries(y.sessions))
      remind(youthId, 'session', sessionId, x.kind, x.heldOn, x.prescribedOn)
    for (const [proposalId, p] of Object.entries(y.proposals)) {
      const gone = p.partnerOfferId === undefined ? undefined : query.withdrawnOffers?.get(p.partnerOfferId)
      if (gone !== undefined && p.partnerOfferId !== undefined)
        withdrawn.push({
          youthId,
          proposalId,
          offerId: p.partnerOfferId,
          theme: p.theme,
          withdrawnOn: gone.slice(0, 10),
        })
      // An accepted proposal was answered: like the domain's expiry, the alert is for unanswered ones.
      if (!p.accepted && p.respondBy < asOf)
        push('proposalsPastRespondBy', {
          youthId,
          proposalId,
          theme: p.theme,
          respondBy: p.respondBy,
          daysPast: daysBetween(p.respondBy, asOf),
        })
    }
    if (y.programme !== null && y.programme.plannedEndOn <= addDays(asOf, windows.programmeDays))
      push('programmesEnding', {
        youthId,
        ...y.programme,
        daysLeft: daysBetween(asOf, y.programme.plannedEndOn),
      })
    // With RQTH the journey stays open past the 26th birthday, up to the CEJ limit: past the one, watch the other.
    const sealedOpened = query.ageLimits?.get(youthId)
    if (sealedOpened === undefined) continue
    const opened = ageLimitsInForce(sealedOpened)
    const limit =
      y.programme?.programme === 'CEJ' || opened.ageLimitOn < asOf ? opened.cejAgeLimitOn : opened.ageLimitOn
    if (limit <= addDays(asOf, windows.ageLimitDays))
      push('ageLimitsNear', { youthId, ageLimitOn: limit, daysLeft: daysBetween(asOf, limit) })
  }
  return {
    missionLocaleId: query.missionLocaleId,
    counsellorId: query.counsellorId,
    asOf,
    overdueFollowUps: [...list.overdueFollowUps].sort(byDateThenYouth((a) => a.dueOn)),
    followUpsDueSoon: [...list.followUpsDueSoon].sort(byDateThenYouth((a) => a.dueOn)),
    reminders: [...list.reminders].sort(byDateThenYouth((a) => a.on)),
    proposalsPastRespondBy: [...list.proposalsPastRespondBy].sort(byDateThenYouth((a) => a.respondBy)),
    programmesEnding: [...list.programmesEnding].sort(byDateThenYouth((a) => a.plannedEndOn)),
    ageLimitsNear: [...list.ageLimitsNear].sort(byDateThenYouth((a) => a.ageLimitOn)),
    ...(query.withdrawnOffers === undefined
      ? {}
      : { partnerOffersWithdrawn: withdrawn.sort(byDateThenYouth((a) => a.withdrawnOn)) }),
  }
}
