import { isLeft } from 'fp-ts/lib/Either.js'
import { Hono, type Context } from 'hono'
import { missionLocaleOf } from '@parcours/domain'
import {
  buildDashboardCsv,
  buildDashboardModel,
  pagePaths,
  renderDashboardPage,
  renderTargetsPage,
  targetsFormValues,
  targetsFromForm,
} from '../../web/pages/index.js'
import type { ServeHandles } from '../handles.js'
import type { ServeEnv } from '../http/serveEnv.js'
import type { TargetsStore } from '../targetsStore.js'
import { atOf, formValues, pageContext, pagesFor, signedIn } from './pageSupport.js'

// ---------------------------------------------------------------------------------------------
// the steering pages: the dashboard (a mission locale's for its manager, national or any for a
// statistician), its CSV export, the targets a manager sets for their mission locale
// ---------------------------------------------------------------------------------------------

// The dashboard's selection from the query (the builders check months and ask the policy).
const selectionOf = (c: Context<ServeEnv>) => {
  const pick = (name: string) => {
    const v = c.req.query(name)
    return v === undefined || v === '' ? {} : { [name]: v }
  }
  return { ...pick('missionLocale'), ...pick('from'), ...pick('to'), ...pick('month') }
}

/** The steering pages. */
export const steeringPages = (h: ServeHandles, targets: TargetsStore) => {
  const pages = new Hono<ServeEnv>()
  const steering = pagesFor(['manager', 'statistician'])
  const managers = pagesFor(['manager'])

  pages.get(pagePaths.dashboard, steering, async (c) => {
    const actor = signedIn(c)
    const selection = selectionOf(c)
    const scope = selection.missionLocale ?? missionLocaleOf(actor)
    await h.refresh()
    const model = await buildDashboardModel(h, actor, {
      ...selection,
      asOf: atOf(c),
      generatedAt: new Date().toISOString(),
      targets: scope === undefined ? {} : targets.get(scope),
    })
    return c.html(renderDashboardPage(model, pageContext(c)))
  })

  pages.get(pagePaths.dashboardCsv, steering, async (c) => {
    await h.refresh()
    const csv = await buildDashboardCsv(h, signedIn(c), selectionOf(c), c.req.query('excel') === '1')
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="parcours-tableau-de-bord.csv"',
    })
  })

  // A manager sets the targets of their own mission locale.
  const ownMissionLocale = (c: Context<ServeEnv>): string => missionLocaleOf(signedIn(c)) ?? ''

  pages.get(pagePaths.targets, managers, (c) => {
    const ml = ownMissionLocale(c)
    return c.html(
      renderTargetsPage(
        {
          missionLocaleId: ml,
          values: targetsFormValues(targets.get(ml)),
          ...(c.req.query('saved') === '1' ? { saved: true } : {}),
        },
        pageContext(c),
      ),
    )
  })

  pages.post(pagePaths.targets, managers, async (c) => {
    const ml = ownMissionLocale(c)
    const values = await formValues(c)
    const parsed = targetsFromForm(values)
    if (isLeft(parsed))
      return c.html(
        renderTargetsPage({ missionLocaleId: ml, values, error: parsed.left }, pageContext(c)),
        400,
      )
    targets.set(ml, parsed.right)
    return c.redirect(`${pagePaths.targets}?saved=1`, 303)
  })

  return pages
}
