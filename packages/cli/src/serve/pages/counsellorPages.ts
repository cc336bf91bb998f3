import { Hono, type Context } from 'hono'
import { missionLocaleOf, type LocalDate, type YouthId } from '@parcours/domain'
import { CliError, ExitCode } from '../../cli/errors.js'
import { journeyRefOf } from '../../store/access.js'
import { partnerOfferIn } from '../../store/offerCatalogue.js'
import {
  buildFormModel,
  buildJourneyModel,
  buildWorklistModel,
  journeyForms,
  pagePaths,
  renderCommandForm,
  renderJourneyPage,
  renderWorklistPage,
  type FormError,
  type FormName,
} from '../../web/pages/index.js'
import { allow } from '../api/queries.js'
import type { ServeHandles } from '../handles.js'
import { ProblemError } from '../http/problem.js'
import type { ServeEnv } from '../http/serveEnv.js'
import { runJourneyCommand } from '../journeyCommand.js'
import { offerCatalogueOf, worklistPartners } from '../partners.js'
import { commandInputOfForm, formErrorOf, formStatusOf } from './forms.js'
import {
  atOf,
  errorPage,
  formValues,
  freshCommandId,
  pageContext,
  pagesFor,
  signedIn,
  todayUtc,
} from './pageSupport.js'

// ---------------------------------------------------------------------------------------------
// the counsellors' pages: the worklist, a journey, the forms. A form posts to its own URL, runs
// on the API's command path, redirects on success (post/redirect/get), and is drawn again with
// the values sent and the refusal in place when refused.
// ---------------------------------------------------------------------------------------------

/** The counsellors' pages (a manager reads journeys too). */
export const counsellorPages = (h: ServeHandles) => {
  const pages = new Hono<ServeEnv>()
  const counsellors = pagesFor(['counsellor'])
  const journeyReaders = pagesFor(['counsellor', 'manager'])

  // The journey must exist, and the policy let the reader see it (a refusal names its rule).
  const checkJourney = async (c: Context<ServeEnv>, youthId: YouthId) => {
    const journey = await journeyRefOf(h.env, youthId)
    allow(h, signedIn(c), { kind: 'read-journey', purpose: 'show', journey })
    if (journey.holder === null)
      throw new ProblemError({ status: 404, error: 'NotFound', message: `no journey ${youthId}` })
    await h.refresh()
  }

  pages.get(pagePaths.worklist, counsellors, async (c) => {
    const asOf = atOf(c)
    const actor = signedIn(c)
    await h.refresh()
    const partners = await worklistPartners(h, actor, missionLocaleOf(actor) ?? '', asOf as LocalDate)
    const model = await buildWorklistModel(h, actor, { asOf, at: new Date().toISOString(), ...partners })
    return c.html(renderWorklistPage(model, pageContext(c)))
  })

  const drawForm = async (
    c: Context<ServeEnv>,
    form: FormName,
    youthId: string | undefined,
    status: 200 | 400 | 403 | 409 | 422,
    sent?: { readonly values: Readonly<Record<string, string>>; readonly error: FormError },
  ) => {
    if (youthId !== undefined && sent?.error.kind !== 'access') await checkJourney(c, youthId as YouthId)
    const model = await buildFormModel(
      h,
      signedIn(c),
      form,
      sent?.error.kind === 'access' ? undefined : youthId,
      {
        today: todayUtc(),
        values: sent?.values ?? { commandId: freshCommandId() },
        ...(sent === undefined ? {} : { error: sent.error }),
        ...(form === 'offer' ? { partnerOffers: (await offerCatalogueOf(h)).open } : {}),
      },
    )
    return c.html(
      renderCommandForm(form, { ...model, ...(youthId === undefined ? {} : { youthId }) }, pageContext(c)),
      status,
    )
  }

  const postForm = async (c: Context<ServeEnv>, form: FormName, youthFromUrl: string | undefined) => {
    const values = await formValues(c)
    const sent = youthFromUrl === undefined ? values : { ...values, youthId: youthFromUrl }
    const { youthId, input } = commandInputOfForm(form, sent)
    const commandId = input.commandId || freshCommandId()
    // A France Travail offer goes the way of `--partner-offer`: in the catalogue, and still open.
    const offerId = form === 'offer' ? (values['partnerOffer'] ?? '') : ''
    let command = input.command
    if (offerId !== '')
      try {
        command = { ...command, partnerOffer: await partnerOfferIn(h.offers, offerId) }
      } catch (e) {
        if (!(e instanceof CliError && e.exitCode === ExitCode.usage)) throw e
        return drawForm(c, form, youthFromUrl, 400, {
          values: { ...values, commandId },
          error: { kind: 'field', field: 'partnerOffer', message: e.message },
        })
      }
    const outcome = await runJourneyCommand(h, signedIn(c), youthId, { ...input, command, commandId })
    if (outcome._tag === 'Handled') return c.redirect(pagePaths.journey(youthId), 303)
    const error = formErrorOf(outcome)
    if (error === undefined) return errorPage(c, 503, outcome.message)
    const status = formStatusOf(outcome)
    return drawForm(c, form, youthFromUrl, status === 503 ? 400 : status, {
      values: { ...values, commandId },
      error,
    })
  }

  pages.get(pagePaths.register, counsellors, (c) => drawForm(c, 'register', undefined, 200))
  pages.post(pagePaths.register, counsellors, (c) => postForm(c, 'register', undefined))

  for (const form of journeyForms) {
    const path = `/journeys/:youthId/${form}`
    pages.get(path, counsellors, (c) => drawForm(c, form, c.req.param('youthId'), 200))
    pages.post(path, counsellors, (c) => postForm(c, form, c.req.param('youthId')))
  }

  // After /journeys/new and the forms: the journey itself.
  pages.get('/journeys/:youthId', journeyReaders, async (c) => {
    const youthId = c.req.param('youthId') as YouthId
    await checkJourney(c, youthId)
    const model = await buildJourneyModel(h, signedIn(c), youthId, { asOf: atOf(c) })
    return c.html(renderJourneyPage(model, pageContext(c)))
  })

  return pages
}
