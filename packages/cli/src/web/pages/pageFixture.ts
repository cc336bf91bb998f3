import { isLeft } from 'fp-ts/lib/Either.js'
import pino from 'pino'
import type { PersonalFields } from '@parcours/adapters'
import {
  decodeCommand,
  defaultAccessPolicy,
  OUTREACH_STATUSES,
  type Actor,
  type CounsellorId,
  type MissionLocaleId,
  type OutreachCaseId,
} from '@parcours/domain'
import { getInMemoryProjectionSink } from '@parcours/projections'
import type { Locale } from '../../i18n/index.js'
import { openStoreEnv } from '../../store/openStore.js'
import { runProjections } from '../../store/readModels.js'
import {
  buildDashboardModel,
  buildFormModel,
  buildJourneyModel,
  buildWorklistModel,
  renderCommandForm,
  renderDashboardPage,
  renderErrorPage,
  renderJourneyPage,
  renderLoginPage,
  renderTargetsPage,
  renderWorklistPage,
  type PageContext,
  type PageHandles,
} from './index.js'

// ---------------------------------------------------------------------------------------------
// test support: a small in-memory store seen through the pages — two journeys of a counsellor of
// ml-rouen (one named with markup in it, a comment with markup), one of ml-caen, a session
// ---------------------------------------------------------------------------------------------

/** A name and a comment that would run as script if a page forgot to escape them. */
export const HOSTILE_NAME = '<script>alert("nom")</script>'
export const HOSTILE_COMMENT = '<script>alert("commentaire")</script> & “guillemets”'

/** The actors of the fixture. */
export const fixtureActors = {
  counsellor: {
    kind: 'counsellor',
    id: 'c-1' as CounsellorId,
    missionLocaleId: 'ml-rouen' as MissionLocaleId,
  },
  otherCounsellor: {
    kind: 'counsellor',
    id: 'c-9' as CounsellorId,
    missionLocaleId: 'ml-caen' as MissionLocaleId,
  },
  manager: { kind: 'manager', id: 'm-1', missionLocaleId: 'ml-rouen' as MissionLocaleId },
  statistician: { kind: 'statistician', id: 's-1' },
} as unknown as Readonly<Record<'counsellor' | 'otherCounsellor' | 'manager' | 'statistician', Actor>>

/** The date the fixture's worklist is read on. */
export const FIXTURE_AS_OF = '2025-02-03'

/** Opens the fixture: handles as the server holds them, and a way to close them. */
export const openPageFixture = async (): Promise<PageHandles & { readonly close: () => Promise<void> }> => {
  const env = await openStoreEnv({ kind: 'memory' }, process.cwd(), pino({ level: 'silent' }))
  let n = 0
  const send = async (command: Record<string, unknown>, personal?: PersonalFields): Promise<void> => {
    const decoded = decodeCommand({ comment: null, ...command })
    if (isLeft(decoded)) throw new Error(`fixture command: ${decoded.left.paths.join('; ')}`)
    const r = await env.handle({
      commandId: `fixture-${++n}`,
      command: decoded.right,
      ...(personal === undefined ? {} : { personal }),
    })()
    if (isLeft(r)) throw new Error(`fixture command refused: ${JSON.stringify(r.left)}`)
  }
  const rouen = { missionLocaleId: 'ml-rouen' }
  const register = (
    youthId: string,
    missionLocaleId: string,
    counsellorId: string,
    personal?: PersonalFields,
  ) =>
    send(
      {
        type: 'RegisterYouth',
        youthId,
        missionLocaleId,
        on: '2025-01-10',
        counsellorId,
        birthDate: '2005-03-01',
        rqth: false,
        personalData: null,
      },
      { birthDate: '2005-03-01', ...personal },
    )
  await register('y-1', 'ml-rouen', 'c-1', { firstName: HOSTILE_NAME, lastName: 'Durand' })
  await register('y-2', 'ml-rouen', 'c-1', { firstName: 'Léa', lastName: 'Martin' })
  await register('y-3', 'ml-caen', 'c-9', { firstName: 'Hugo', lastName: 'Petit' })
  await send(
    { type: 'RecordRequest', youthId: 'y-1', ...rouen, on: '2025-01-12', requestId: 'r1', theme: 'housing' },
    { comment: HOSTILE_COMMENT },
  )
  await send({
    type: 'OfferProposal',
    youthId: 'y-1',
    ...rouen,
    on: '2025-01-13',
    proposalId: 'p1',
    theme: 'training',
    respondBy: '2025-01-31',
  })
  await send({
    type: 'ScheduleFollowUp',
    youthId: 'y-1',
    ...rouen,
    on: '2025-01-13',
    followUpId: 'f-next',
    dueOn: '2025-02-05',
    kind: 'individual-interview',
  })
  await send({
    type: 'PrescribeSession',
    youthId: 'y-2',
    ...rouen,
    on: '2025-01-14',
    sessionId: 's-atelier',
    kind: 'workshop',
    heldOn: '2025-02-10',
    capacity: 12,
    registrations: 3,
  })
  // a CEJ, with its weeks under 15 h of activity
  await send({ type: 'CompleteDiagnostic', youthId: 'y-2', ...rouen, on: '2025-01-15' })
  await send({
    type: 'EnterProgramme',
    youthId: 'y-2',
    ...rouen,
    on: '2025-01-16',
    programme: 'CEJ',
    plannedEndOn: '2026-01-15',
  })
  // a fact of February: the month the fixture is read in is partial
  await send({
    type: 'RecordRequest',
    youthId: 'y-2',
    ...rouen,
    on: '2025-02-01',
    requestId: 'r1',
    theme: 'employment',
  })
  const sink = getInMemoryProjectionSink()
  await runProjections(env, sink, { mode: 'catch-up' })
  return { env, sink, policy: defaultAccessPolicy, close: env.close }
}

/** The context of a page of the fixture. */
export const fixtureContext = (
  locale: Locale,
  actor: Actor = fixtureActors.counsellor,
  nav = '/worklist',
): PageContext => ({
  locale,
  csrfToken: 'tok"<en>',
  actor,
  nav,
})
/** When the fixture's pages are read (the access log's date). */
export const FIXTURE_AT = '2025-02-03T10:00:00.000Z'
const AT = FIXTURE_AT
const ctx = fixtureContext

/** Open outreach cases of the counsellor's mission locale, one at each status. */
export const FIXTURE_OUTREACH = OUTREACH_STATUSES.map((status, i) => ({
  caseId: `oc-00000000000000000000000${i}` as OutreachCaseId,
  status,
  openedOn: '2025-01-06',
  lastOn: '2025-01-20',
  ageDays: 28,
}))

/** Every page of the fixture, by name, rendered in one language. */
export const renderFixturePages = async (
  h: PageHandles,
  locale: Locale,
): Promise<Readonly<Record<string, string>>> => {
  const { counsellor, manager, statistician } = fixtureActors
  const worklist = await buildWorklistModel(h, counsellor, {
    asOf: FIXTURE_AS_OF,
    at: AT,
    outreach: FIXTURE_OUTREACH,
  })
  const journey = await buildJourneyModel(h, counsellor, 'y-1', { asOf: FIXTURE_AS_OF })
  const dashboard = { asOf: FIXTURE_AS_OF, generatedAt: AT, targets: { positiveExitRate: 0.44 } }
  const forms = Object.fromEntries(
    await Promise.all(
      (['offer', 'appointment', 'attendance', 'outcome'] as const).map(async (f) => [
        `form-${f}`,
        renderCommandForm(
          f,
          await buildFormModel(h, counsellor, f, f === 'attendance' ? 'y-2' : 'y-1', {
            today: FIXTURE_AS_OF,
          }),
          ctx(locale, counsellor, `/journeys/y-1/${f}`),
        ),
      ]),
    ),
  )
  return {
    login: renderLoginPage(
      { login: 'c-1', error: 'invalid' },
      { ...ctx(locale), actor: null, nav: '/login' },
    ),
    worklist: renderWorklistPage(worklist, ctx(locale)),
    journey: renderJourneyPage(journey, ctx(locale, counsellor, '/journeys/y-1')),
    'journey-cej': renderJourneyPage(
      await buildJourneyModel(h, counsellor, 'y-2', { asOf: FIXTURE_AS_OF }),
      ctx(locale, counsellor, '/journeys/y-2'),
    ),
    'form-register': renderCommandForm(
      'register',
      await buildFormModel(h, counsellor, 'register', undefined, { today: FIXTURE_AS_OF }),
      ctx(locale, counsellor, '/journeys/new'),
    ),
    ...forms,
    'form-field-error': renderCommandForm(
      'offer',
      await buildFormModel(h, counsellor, 'offer', 'y-1', {
        today: FIXTURE_AS_OF,
        values: { commandId: 'cmd-1', respondBy: '31/01/2025' },
        error: { kind: 'field', field: 'respondBy', message: 'respondBy: not a date' },
      }),
      ctx(locale, counsellor, '/journeys/y-1/offer'),
    ),
    'form-rule-refused': renderCommandForm(
      'outcome',
      await buildFormModel(h, counsellor, 'outcome', 'y-1', {
        today: FIXTURE_AS_OF,
        values: { commandId: 'cmd-2', proposalId: 'p1', outcome: 'carried-out', on: '2025-01-02' },
        error: { kind: 'rule', rule: 'DatedBeforeOffer', message: 'refused by rule DatedBeforeOffer' },
      }),
      ctx(locale, counsellor, '/journeys/y-1/outcome'),
    ),
    'dashboard-manager': renderDashboardPage(
      await buildDashboardModel(h, manager, dashboard),
      ctx(locale, manager, '/dashboard'),
    ),
    'dashboard-national': renderDashboardPage(
      await buildDashboardModel(h, statistician, dashboard),
      ctx(locale, statistician, '/dashboard'),
    ),
    'dashboard-month': renderDashboardPage(
      await buildDashboardModel(h, statistician, {
        ...dashboard,
        missionLocale: 'ml-rouen',
        month: '2025-01',
      }),
      ctx(locale, statistician, '/dashboard'),
    ),
    targets: renderTargetsPage(
      { missionLocaleId: 'ml-rouen', values: { positiveExitRate: '44' }, saved: true },
      ctx(locale, manager, '/dashboard/targets'),
    ),
    error: renderErrorPage({ status: 403, message: 'refused by rule OwnMissionLocale' }, ctx(locale)),
  }
}
