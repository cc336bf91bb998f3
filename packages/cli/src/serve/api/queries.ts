import { isLeft } from 'fp-ts/lib/Either.js'
import { catalogueKinds, type CatalogueKind } from '@parcours/adapters'
import {
  actorRef,
  decideAccess,
  describeAccessDenied,
  journeyCommandTypes,
  missionLocaleOf,
  recordableProposalOutcomes,
  sessionOutcomes,
  themes,
  type AccessRequest,
  type Actor,
  type LocalDate,
  type MissionLocaleId,
  type YouthId,
} from '@parcours/domain'
import {
  dashboardProjection,
  docEntries,
  outreachCountsByStatus,
  queryDashboard,
  queryOutreachEntries,
  worklistProjection,
} from '@parcours/projections'
import { infrastructureError } from '../../cli/errors.js'
import { journeyRefOf } from '../../store/access.js'
import { readJourneyView } from '../../store/journeyView.js'
import { outreachCases } from '../../store/outreach.js'
import { readModelOf } from '../../store/readModels.js'
import { readWorklist } from '../../store/worklist.js'
import type { ServeHandles } from '../handles.js'
import { ProblemError } from '../http/problem.js'
import { worklistPartners } from '../partners.js'

// ---------------------------------------------------------------------------------------------
// the queries of the API, each asked of the access policy first (a denial: 403 naming the rule)
// ---------------------------------------------------------------------------------------------

/** Asks the policy; a denial is thrown as a 403 naming the actor and the rule. */
export const allow = (h: Pick<ServeHandles, 'policy'>, actor: Actor, request: AccessRequest) => {
  const decision = decideAccess(h.policy, actor, request)
  if (isLeft(decision))
    throw new ProblemError({
      status: 403,
      error: 'AccessDenied',
      actor: actorRef(actor),
      rule: decision.left.rule,
      message: describeAccessDenied(decision.left),
    })
  return decision.right
}

const notFound = (message: string) => new ProblemError({ status: 404, error: 'NotFound', message })

/** A journey as `parcours show --json` gives it, its openings recorded in the access log. */
export const journeyQuery = async (h: ServeHandles, actor: Actor, youthId: YouthId) => {
  const ref = await journeyRefOf(h.env, youthId)
  allow(h, actor, { kind: 'read-journey', purpose: 'show', journey: ref })
  if (ref.holder === null) throw notFound(`no journey ${youthId}`)
  await h.refresh()
  const v = await readJourneyView(h.env, h.sink, { actor, policy: h.policy }, youthId, undefined)
  return {
    youthId: v.youthId,
    missionLocaleId: v.missionLocaleId,
    erased: v.erased,
    identity: v.identity,
    items: v.items,
  }
}

/** The mission locale a query is about: the one asked, else the actor's own. */
const scopeOf = (actor: Actor, asked: string | undefined): MissionLocaleId | undefined =>
  (asked ?? missionLocaleOf(actor)) as MissionLocaleId | undefined

/**
 * Whose worklist or caseload a query is about (default: the actor's own counsellor and mission
 * locale), once the access policy allowed reading it; 400 naming the field the actor must give.
 */
const allowedCounsellor = (
  h: ServeHandles,
  actor: Actor,
  q: { readonly counsellor?: string; readonly missionLocale?: string },
) => {
  const counsellorId = q.counsellor ?? (actor.kind === 'counsellor' ? actor.id : undefined)
  const missionLocaleId = scopeOf(actor, q.missionLocale)
  if (counsellorId === undefined || missionLocaleId === undefined)
    throw new ProblemError({
      status: 400,
      error: 'InvalidInput',
      field: counsellorId === undefined ? 'counsellor' : 'missionLocale',
      message: `${counsellorId === undefined ? 'counsellor' : 'missionLocale'}: required for a ${actor.kind}`,
    })
  allow(h, actor, { kind: 'read-worklist', missionLocaleId, counsellorId: counsellorId as never })
  return { counsellorId, missionLocaleId }
}

/** A counsellor's worklist (default: the actor's own). */
export const worklistQuery = async (
  h: ServeHandles,
  actor: Actor,
  q: { readonly counsellor?: string; readonly missionLocale?: string; readonly at: LocalDate },
) => {
  const { counsellorId, missionLocaleId } = allowedCounsellor(h, actor, q)
  await h.refresh()
  const { withdrawnOffers, outreach } = await worklistPartners(h, actor, missionLocaleId, q.at)
  const whose = { missionLocaleId, counsellorId }
  const { worklist, cejWeeks } = await readWorklist(h.env, h.sink, whose, q.at, withdrawnOffers)
  return { ...worklist, cejWeeks, outreach }
}

/** The journeys a counsellor follows (default: the actor's own), pseudonymous. */
export const caseloadQuery = async (
  h: ServeHandles,
  actor: Actor,
  q: { readonly counsellor?: string; readonly missionLocale?: string },
) => {
  const { counsellorId, missionLocaleId } = allowedCounsellor(h, actor, q)
  await h.refresh()
  const rm = await readModelOf(h.sink, worklistProjection, { where: { missionLocaleId, counsellorId } })
  const journeys = [...docEntries(rm)]
    .map(([, y]) => y)
    .filter((y) => y.missionLocaleId === missionLocaleId && y.counsellorId === counsellorId)
    .map((y) => ({ youthId: y.youthId, open: y.open, programme: y.programme?.programme ?? null }))
    .sort((a, b) => (a.youthId < b.youthId ? -1 : 1))
  return { missionLocaleId, counsellorId, journeys }
}

/** The steering dashboard of a mission locale (default: the actor's), or national for a statistician. */
export const dashboardQuery = async (
  h: ServeHandles,
  actor: Actor,
  q: { readonly missionLocale?: string; readonly from?: string; readonly to?: string },
) => {
  const missionLocaleId = scopeOf(actor, q.missionLocale)
  allow(h, actor, { kind: 'read-dashboard', missionLocaleId: missionLocaleId ?? null })
  if (q.from !== undefined && q.to !== undefined && q.from > q.to)
    throw new ProblemError({
      status: 400,
      error: 'InvalidInput',
      field: 'from',
      message: `from ${q.from} is after to ${q.to}`,
    })
  await h.refresh()
  return queryDashboard(await readModelOf(h.sink, dashboardProjection), {
    ...(missionLocaleId === undefined ? {} : { missionLocaleId }),
    ...(q.from === undefined ? {} : { from: q.from }),
    ...(q.to === undefined ? {} : { to: q.to }),
  })
}

/** The vocabularies a client builds its forms from. */
export const cataloguesQuery = () => ({
  commandTypes: journeyCommandTypes,
  themes,
  proposalOutcomes: recordableProposalOutcomes,
  sessionOutcomes,
  trainingCatalogue: catalogueKinds,
})

/** The training catalogue's records of a kind (LHEO imports: pseudonymous, public offers). */
export const trainingCatalogueQuery = async (h: ServeHandles, kind: string) => {
  if (!(catalogueKinds as ReadonlyArray<string>).includes(kind))
    throw new ProblemError({
      status: 400,
      error: 'InvalidInput',
      field: 'kind',
      message: `kind: expected one of ${catalogueKinds.join(', ')}`,
    })
  const records = await h.catalogue.list(kind as CatalogueKind)()
  if (isLeft(records))
    throw infrastructureError(`the training catalogue is unavailable: ${records.left.message}`)
  return { kind, records: records.right }
}

/**
 * A mission locale's outreach cases (default: the actor's): the open cases as of a date
 * (pseudonymous: case id, status, dates), or only the counts by status — national (no mission
 * locale) for a statistician, who reads counts only.
 */
export const outreachQuery = async (
  h: ServeHandles,
  actor: Actor,
  q: { readonly missionLocale?: string; readonly detail: 'cases' | 'counts'; readonly at: LocalDate },
) => {
  const missionLocaleId = scopeOf(actor, q.missionLocale) ?? null
  if (q.detail === 'cases' && missionLocaleId === null)
    throw new ProblemError({
      status: 400,
      error: 'InvalidInput',
      field: 'missionLocale',
      message: 'missionLocale: say whose cases to list (or ask detail=counts)',
    })
  allow(h, actor, { kind: 'read-outreach', detail: q.detail, missionLocaleId })
  const cases = await outreachCases(h.outreach)
  return q.detail === 'counts'
    ? { missionLocaleId, detail: q.detail, counts: outreachCountsByStatus(cases, missionLocaleId) }
    : {
        missionLocaleId,
        detail: q.detail,
        asOf: q.at,
        cases: queryOutreachEntries(cases, { missionLocaleId: missionLocaleId as string, asOf: q.at }),
      }
}
