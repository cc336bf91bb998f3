// GET /dashboard: the steering dashboard, brought up to date on request. Before answering, the
// projection runner applies what was stored since its checkpoint (usually a handful of events),
// so a client that just posted a command sees it counted. One catch-up runs at a time; requests
// arriving meanwhile share the next one.

import { isLeft } from 'fp-ts/lib/Either.js'
import { decideAccess, missionLocaleOf, MissionLocaleId, type Actor } from '@parcours/domain'
import { dashboardProjection, loadReadModel, queryDashboard, type Dashboard } from '@parcours/projections'
import type { Parcours } from './openParcours.js'
import { accessDenied, invalidInput, ProblemError, unavailable } from './problems.js'

/** The query string of GET /dashboard. */
export interface DashboardParams {
  /** The mission locale (default: the actor's own; none for national figures). */
  readonly missionLocale?: string | undefined
  /** First and last month, `YYYY-MM`. */
  readonly from?: string | undefined
  readonly to?: string | undefined
}

/** Catches the read models up with the store, one run at a time; a call waits for a run that starts after it. */
export const createRefresher = (p: Parcours): (() => Promise<void>) => {
  let current: Promise<void> | undefined
  let next: Promise<void> | undefined
  const run = async (): Promise<void> => {
    const r = await p.runner.catchUp()()
    if (isLeft(r)) {
      // The tag only: a decode failure's reason may quote stored values, which logs never hold (the runner logs where).
      p.logger.error({ tag: r.left._tag }, 'catching up the read models failed')
      throw new ProblemError({
        status: 503,
        error: 'Unavailable',
        message: 'the dashboard cannot be brought up to date now (the service log says why); try again later',
      })
    }
  }
  const refresh = (): Promise<void> => {
    if (current === undefined) {
      current = run().finally(() => (current = undefined))
      return current
    }
    const again = () => {
      next = undefined
      return refresh()
    }
    next ??= current.then(again, again)
    return next
  }
  return refresh
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/** The dashboard for `actor`: 400 for a malformed parameter, 403 when the policy refuses. */
export const getDashboard = async (
  p: Parcours,
  refresh: () => Promise<void>,
  actor: Actor,
  params: DashboardParams,
): Promise<Dashboard> => {
  const asked = params.missionLocale ?? missionLocaleOf(actor)
  if (asked !== undefined && isLeft(MissionLocaleId.decode(asked)))
    throw invalidInput('missionLocale', `missionLocale: ${JSON.stringify(asked)} is not an id`)
  for (const [field, value] of [
    ['from', params.from],
    ['to', params.to],
  ] as const)
    if (value !== undefined && !MONTH.test(value))
      throw invalidInput(field, `${field}: expected a month YYYY-MM`)
  if (params.from !== undefined && params.to !== undefined && params.from > params.to)
    throw invalidInput('from', `from ${params.from} is after to ${params.to}`)
  const decision = decideAccess(p.policy, actor, {
    kind: 'read-dashboard',
    missionLocaleId: (asked ?? null) as MissionLocaleId | null,
  })
  if (isLeft(decision)) throw accessDenied(decision.left)
  await refresh()
  let rm = p.runner.readModel(dashboardProjection)
  if (rm === undefined) {
    const loaded = await loadReadModel(p.sink, dashboardProjection)()
    if (isLeft(loaded)) throw unavailable()
    rm = loaded.right
  }
  return queryDashboard(rm, {
    ...(asked === undefined ? {} : { missionLocaleId: asked }),
    ...(params.from === undefined ? {} : { from: params.from }),
    ...(params.to === undefined ? {} : { to: params.to }),
  })
}
