import type { Actor, CounsellorId, LocalDate, MissionLocaleId } from '@parcours/domain'
import type { OutreachEntry, ProjectionSink, Worklist } from '@parcours/projections'
import type { MessageKey } from '../../i18n/index.js'
import { authorize, type Session } from '../../store/access.js'
import type { StoreEnv } from '../../store/openStore.js'
import { readWorklist, type WorklistRead } from '../../store/worklist.js'
import { openYouthNames, type YouthName } from '../../store/youthNames.js'

// ---------------------------------------------------------------------------------------------
// model: a counsellor's worklist as the page shows it — one section per kind of alert, each a
// table whose first column is the young person (named for the counsellor only)
// ---------------------------------------------------------------------------------------------

/** A cell of a worklist table, translated by the page. */
export type Cell =
  | { readonly kind: 'date'; readonly value: string }
  | { readonly kind: 'count'; readonly value: number }
  | { readonly kind: 'hours'; readonly minutes: number }
  | { readonly kind: 'label'; readonly key: MessageKey }
  | { readonly kind: 'text'; readonly value: string }

/** One kind of alert: its title, its columns, a row per young person concerned. */
export interface WorklistSection {
  /** Stable id of the kind (`overdue`, `cejUnder`…), also the section's anchor. */
  readonly id: string
  /** The title's catalogue key; a kind the pages do not know yet shows its raw id. */
  readonly title: MessageKey | null
  readonly columns: ReadonlyArray<MessageKey | string>
  /**
   * What a row's first column is: a young person (`youthId`, linked to the journey and named for
   * the counsellor), or an outreach case (`youthId` holds the case id, shown as it is: no identity).
   */
  readonly subject?: 'youth' | 'outreachCase'
  readonly rows: ReadonlyArray<{ readonly youthId: string; readonly cells: ReadonlyArray<Cell> }>
}

/** The worklist page's model. */
export interface WorklistModel {
  readonly counsellorId: string
  readonly missionLocaleId: string
  readonly asOf: string
  readonly sections: ReadonlyArray<WorklistSection>
  /** The young people's names, opened for the counsellor (absent: not opened). */
  readonly names: ReadonlyMap<string, YouthName>
}

const date = (value: string): Cell => ({ kind: 'date', value })
const count = (value: number): Cell => ({ kind: 'count', value })
const hours = (minutes: number): Cell => ({ kind: 'hours', minutes })

type Known = Exclude<keyof Worklist, 'missionLocaleId' | 'counsellorId' | 'asOf'>

// The kinds the page knows, in the order it shows them.
const known: { readonly [K in Known]: (w: Worklist) => WorklistSection } = {
  overdueFollowUps: (w) => ({
    id: 'overdue',
    title: 'web.worklist.kind.overdue',
    columns: ['web.col.youth', 'web.col.appointment', 'web.col.dueOn', 'web.col.daysOverdue'],
    rows: w.overdueFollowUps.map((a) => ({
      youthId: a.youthId,
      cells: [{ kind: 'text', value: a.followUpId }, date(a.dueOn), count(a.days)],
    })),
  }),
  followUpsDueSoon: (w) => ({
    id: 'dueSoon',
    title: 'web.worklist.kind.dueSoon',
    columns: ['web.col.youth', 'web.col.appointment', 'web.col.dueOn', 'web.col.daysLeft'],
    rows: w.followUpsDueSoon.map((a) => ({
      youthId: a.youthId,
      cells: [{ kind: 'text', value: a.followUpId }, date(a.dueOn), count(a.days)],
    })),
  }),
  reminders: (w) => ({
    id: 'reminders',
    title: 'web.worklist.kind.reminders',
    columns: ['web.col.youth', 'web.col.appointment', 'web.col.kind', 'web.col.on', 'web.col.daysBefore'],
    rows: w.reminders.map((a) => ({
      youthId: a.youthId,
      cells: [
        { kind: 'text', value: a.id },
        { kind: 'label', key: appointmentLabel(a.kind) },
        date(a.on),
        count(a.daysBefore),
      ],
    })),
  }),
  proposalsPastRespondBy: (w) => ({
    id: 'proposals',
    title: 'web.worklist.kind.proposals',
    columns: ['web.col.youth', 'web.col.proposal', 'web.col.theme', 'web.col.respondBy', 'web.col.daysPast'],
    rows: w.proposalsPastRespondBy.map((a) => ({
      youthId: a.youthId,
      cells: [
        { kind: 'text', value: a.proposalId },
        { kind: 'label', key: `theme.${a.theme}` as MessageKey },
        date(a.respondBy),
        count(a.daysPast),
      ],
    })),
  }),
  programmesEnding: (w) => ({
    id: 'programmes',
    title: 'web.worklist.kind.programmes',
    columns: ['web.col.youth', 'web.col.programme', 'web.col.plannedEnd', 'web.col.daysLeft'],
    rows: w.programmesEnding.map((a) => ({
      youthId: a.youthId,
      cells: [
        { kind: 'label', key: `programme.${a.programme}` as MessageKey },
        date(a.plannedEndOn),
        count(a.daysLeft),
      ],
    })),
  }),
  ageLimitsNear: (w) => ({
    id: 'ageLimits',
    title: 'web.worklist.kind.ageLimits',
    columns: ['web.col.youth', 'web.col.ageLimitOn', 'web.col.daysLeft'],
    rows: w.ageLimitsNear.map((a) => ({
      youthId: a.youthId,
      cells: [date(a.ageLimitOn), count(a.daysLeft)],
    })),
  }),
  partnerOffersWithdrawn: (w) => ({
    id: 'offersWithdrawn',
    title: 'web.worklist.kind.offersWithdrawn',
    columns: ['web.col.youth', 'web.col.proposal', 'web.col.offer', 'web.col.theme', 'web.col.withdrawnOn'],
    rows: (w.partnerOffersWithdrawn ?? []).map((a) => ({
      youthId: a.youthId,
      cells: [
        { kind: 'text', value: a.proposalId },
        { kind: 'text', value: a.offerId },
        { kind: 'label', key: `theme.${a.theme}` as MessageKey },
        date(a.withdrawnOn.slice(0, 10)),
      ],
    })),
  }),
}

const appointmentLabel = (kind: string): MessageKey => `web.appointment.${kind}` as MessageKey

// A list the read model gained and the pages do not know yet: shown with its raw field names.
const unknownSection = (
  id: string,
  items: ReadonlyArray<Readonly<Record<string, unknown>>>,
): WorklistSection => {
  const fields = [...new Set(items.flatMap((i) => Object.keys(i)))].filter((f) => f !== 'youthId')
  return {
    id,
    title: null,
    columns: ['web.col.youth', ...fields],
    rows: items.map((i) => ({
      youthId: String(i['youthId'] ?? ''),
      cells: fields.map((f) => ({ kind: 'text', value: String(i[f] ?? '') })),
    })),
  }
}

/** The worklist's sections: the known kinds, any kind the read model adds, then the CEJ's weeks. */
export const worklistSections = (read: WorklistRead): ReadonlyArray<WorklistSection> => {
  const w = read.worklist
  const extra = Object.entries(w).filter(
    (e): e is [string, ReadonlyArray<Readonly<Record<string, unknown>>>] =>
      Array.isArray(e[1]) && !(e[0] in known),
  )
  return [
    ...Object.values(known).map((section) => section(w)),
    ...extra.map(([id, items]) => unknownSection(id, items)),
    {
      id: 'cejUnder',
      title: 'web.worklist.kind.cejUnder',
      columns: ['web.col.youth', 'web.col.weekOf', 'web.col.validated'],
      rows: read.cejWeeks
        .filter((a) => a.kind === 'week-under-target')
        .map((a) => ({ youthId: a.youthId, cells: [date(a.monday), hours(a.validatedMinutes)] })),
    },
    {
      id: 'cejAtRisk',
      title: 'web.worklist.kind.cejAtRisk',
      columns: ['web.col.youth', 'web.col.weekOf', 'web.col.validated', 'web.col.reachable'],
      rows: read.cejWeeks
        .filter((a) => a.kind === 'week-at-risk')
        .map((a) => ({
          youthId: a.youthId,
          cells: [date(a.monday), hours(a.validatedMinutes), hours(a.reachableMinutes)],
        })),
    },
  ]
}

/** The open outreach cases of the mission locale: pseudonymous, a case id and its status and dates. */
export const outreachSection = (entries: ReadonlyArray<OutreachEntry>): WorklistSection => ({
  id: 'outreach',
  title: 'web.worklist.kind.outreach',
  columns: ['web.col.case', 'web.col.status', 'web.col.openedOn', 'web.col.ageDays'],
  subject: 'outreachCase',
  rows: entries.map((e) => ({
    youthId: e.caseId,
    cells: [
      { kind: 'label', key: `web.outreach.status.${e.status}` as MessageKey },
      date(e.openedOn),
      count(e.ageDays),
    ],
  })),
})

/** The handles a page model reads through (the server's opened store, read models and policy). */
export interface PageHandles {
  readonly env: StoreEnv
  readonly sink: ProjectionSink
  readonly policy: Session['policy']
}

/**
 * A counsellor's worklist as of `asOf`, the young people named for them (each opening of a name
 * recorded in the access log). Only a counsellor has a worklist: any other actor is refused by
 * the access policy.
 */
export const buildWorklistModel = async (
  h: PageHandles,
  actor: Actor,
  query: {
    readonly asOf: string
    readonly at: string
    /** The withdrawn France Travail offers (offer id → when found withdrawn). */
    readonly withdrawnOffers?: ReadonlyMap<string, string>
    /** The mission locale's open outreach cases, when the policy lists them to the actor. */
    readonly outreach?: ReadonlyArray<OutreachEntry>
  },
): Promise<WorklistModel> => {
  const session: Session = { actor, policy: h.policy }
  const whose = {
    missionLocaleId: actor.kind === 'counsellor' || actor.kind === 'manager' ? actor.missionLocaleId : '',
    counsellorId: actor.id,
  }
  authorize(session, {
    kind: 'read-worklist',
    missionLocaleId: whose.missionLocaleId as MissionLocaleId,
    counsellorId: whose.counsellorId as CounsellorId,
  })
  const read = await readWorklist(h.env, h.sink, whose, query.asOf as LocalDate, query.withdrawnOffers)
  const sections = [
    ...worklistSections(read),
    ...(query.outreach === undefined ? [] : [outreachSection(query.outreach)]),
  ]
  const names =
    actor.kind === 'counsellor'
      ? await openYouthNames(
          h.env,
          session,
          sections.filter((s) => s.subject !== 'outreachCase').flatMap((s) => s.rows.map((r) => r.youthId)),
          query.at,
        )
      : new Map<string, YouthName>()
  return { ...whose, asOf: query.asOf, sections, names }
}
