import { randomUUID } from 'node:crypto'
import { isLeft } from 'fp-ts/lib/Either.js'
import { Hono, type Context } from 'hono'
import { setCookie, deleteCookie } from 'hono/cookie'
import {
  decideAccess,
  describeAccessDenied,
  actorRef,
  missionLocaleOf,
  OUTREACH_STATUSES,
  OutreachCaseId,
  type Actor,
  type MissionLocaleId,
  type OutreachStatus,
  type YouthId,
} from '@parcours/domain'
import type { PartnerFeedError } from '@parcours/projections'
import { parseDate, parseId, parseIntIn, parseMonth, parseOneOf } from '../../cli/parse.js'
import { partnerFeedFailure } from '../../store/partnerFeed.js'
import { SESSION_COOKIE } from '../auth/authenticate.js'
import { attemptLogin, describeLoginRefusal, type LoginDeps } from '../auth/login.js'
import type { ServeHandles } from '../handles.js'
import { problem, ProblemError } from '../http/problem.js'
import { jsonBody, queryParam } from '../http/requestInput.js'
import type { ServeEnv } from '../http/serveEnv.js'
import { runJourneyCommand, type CommandOutcome } from '../journeyCommand.js'
import { offerCatalogueOf, recordOutreachStatus } from '../partners.js'
import { openApiDocument } from './openApi.js'
import {
  caseloadQuery,
  cataloguesQuery,
  dashboardQuery,
  journeyQuery,
  outreachQuery,
  trainingCatalogueQuery,
  worklistQuery,
} from './queries.js'

// ---------------------------------------------------------------------------------------------
// the JSON API: /api/…, every route described in /api/openapi.json
// ---------------------------------------------------------------------------------------------

/** The actor of the request; a 401 when nobody is authenticated. */
export const actorOf = (c: Context<ServeEnv>): Actor => {
  const actor = c.get('actor')
  if (actor === undefined)
    throw new ProblemError({
      status: 401,
      error: 'Unauthenticated',
      message:
        'log in first: POST /api/session with a login and password (or the partner app’s bearer token)',
    })
  return actor
}

/** Today in UTC, the default `at` of a query. */
const today = () => new Date().toISOString().slice(0, 10)

/** The HTTP answer of a command's outcome. */
export const commandAnswer = (c: Context<ServeEnv>, o: CommandOutcome) => {
  switch (o._tag) {
    case 'Handled':
      return c.json(o, 201)
    case 'InvalidInput':
      return problem(c, { status: 400, error: 'InvalidInput', field: o.field, message: o.message })
    case 'AccessDenied':
      return problem(c, {
        status: 403,
        error: 'AccessDenied',
        actor: o.actor,
        rule: o.rule,
        message: o.message,
      })
    case 'Refused':
      return problem(c, { status: 422, error: 'RuleRefused', rule: o.rule, message: o.message })
    case 'Conflict':
      return problem(c, {
        status: 409,
        error: 'Conflict',
        message: o.message,
        retryAfterSeconds: o.retryAfterSeconds,
      })
    case 'Failed':
      return problem(c, { status: 503, error: 'Unavailable', message: o.message })
  }
}

// A position past the feed's head is the client's (400); anything else is the CLI's answer for it.
const feedError = (e: PartnerFeedError, field: string) =>
  e._tag === 'InvalidPosition'
    ? new ProblemError({ status: 400, error: 'InvalidInput', field, message: `${field}: ${e.message}` })
    : partnerFeedFailure(e)

// A case starts not contacted: an attempt records any other status.
const recordableStatuses = OUTREACH_STATUSES.filter((s) => s !== 'not-contacted')

/** What the API routes need. */
export interface ApiDeps {
  readonly handles: ServeHandles
  readonly login: LoginDeps
}

// A value parsed by a CLI parser; its failure a 400 naming the field.
const parsed = <A>(name: string, raw: unknown, parse: (s: string) => A): A => {
  try {
    if (typeof raw !== 'string') throw new Error('expected a string')
    return parse(raw)
  } catch (e) {
    throw new ProblemError({
      status: 400,
      error: 'InvalidInput',
      field: name,
      message: `${name}: ${(e as Error).message}`,
    })
  }
}

const idParam = (c: Context<ServeEnv>, name: string): string => parsed(name, c.req.param(name) ?? '', parseId)

/** The API's routes, to mount at /api. */
export const apiRoutes = (d: ApiDeps) => {
  const h = d.handles
  const api = new Hono<ServeEnv>()

  api.get('/openapi.json', (c) => c.json(openApiDocument))

  api.post('/session', async (c) => {
    const body = await jsonBody(c)
    const { login, password } = (typeof body === 'object' && body !== null ? body : {}) as Record<
      string,
      unknown
    >
    if (typeof login !== 'string' || login === '')
      return problem(c, { status: 400, error: 'InvalidInput', field: 'login', message: 'login: required' })
    if (typeof password !== 'string' || password === '')
      return problem(c, {
        status: 400,
        error: 'InvalidInput',
        field: 'password',
        message: 'password: required',
      })
    const outcome = await attemptLogin(d.login, login, password, c.get('address'))
    if (outcome._tag !== 'LoggedIn')
      return problem(c, {
        status: outcome._tag === 'TooManyAttempts' ? 429 : 401,
        error: outcome._tag,
        message: describeLoginRefusal(outcome),
        ...(outcome._tag === 'TooManyAttempts' ? { retryAfterSeconds: outcome.retryAfterSeconds } : {}),
      })
    const s = outcome.session
    setCookie(c, SESSION_COOKIE, s.id, {
      httpOnly: true,
      secure: c.get('secure'),
      sameSite: 'Strict',
      path: '/',
    })
    return c.json({ actor: s.actor, csrfToken: s.csrfToken }, 201)
  })

  api.delete('/session', (c) => {
    const s = c.get('session')
    if (s !== undefined) d.login.sessions.end(s.id)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.body(null, 204)
  })

  api.get('/me', (c) => c.json({ actor: actorOf(c), csrfToken: c.get('csrfToken') ?? null }))

  api.post('/journeys/:youthId/commands', async (c) => {
    const actor = actorOf(c)
    const youthId = idParam(c, 'youthId')
    const body = await jsonBody(c)
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return problem(c, {
        status: 400,
        error: 'InvalidInput',
        field: '(body)',
        message: 'the body must be an object { commandId?, command, personal? }',
      })
    const b = body as Record<string, unknown>
    const command = b['command']
    if (typeof command !== 'object' || command === null || Array.isArray(command))
      return problem(c, {
        status: 400,
        error: 'InvalidInput',
        field: 'command',
        message: 'command: expected an object with the command’s type and fields',
      })
    const commandId = b['commandId'] ?? `api-${randomUUID()}`
    if (typeof commandId !== 'string' || !/^[^\s]{1,100}$/.test(commandId))
      return problem(c, {
        status: 400,
        error: 'InvalidInput',
        field: 'commandId',
        message: 'commandId: 1 to 100 characters without spaces',
      })
    const outcome = await runJourneyCommand(h, actor, youthId, {
      commandId,
      command: command as Record<string, unknown>,
      ...(b['personal'] === undefined ? {} : { personal: b['personal'] }),
    })
    return commandAnswer(c, outcome)
  })

  api.get('/journeys/:youthId', async (c) =>
    c.json(await journeyQuery(h, actorOf(c), idParam(c, 'youthId') as YouthId)),
  )

  api.get('/worklist', async (c) => {
    const actor = actorOf(c)
    const counsellor = queryParam(c, 'counsellor', parseId)
    const missionLocale = queryParam(c, 'missionLocale', parseId)
    return c.json(
      await worklistQuery(h, actor, {
        ...(counsellor === undefined ? {} : { counsellor }),
        ...(missionLocale === undefined ? {} : { missionLocale }),
        at: queryParam(c, 'at', parseDate) ?? parseDate(today()),
      }),
    )
  })

  api.get('/caseload', async (c) => {
    const actor = actorOf(c)
    const counsellor = queryParam(c, 'counsellor', parseId)
    const missionLocale = queryParam(c, 'missionLocale', parseId)
    return c.json(
      await caseloadQuery(h, actor, {
        ...(counsellor === undefined ? {} : { counsellor }),
        ...(missionLocale === undefined ? {} : { missionLocale }),
      }),
    )
  })

  api.get('/dashboard', async (c) => {
    const actor = actorOf(c)
    const missionLocale = queryParam(c, 'missionLocale', parseId)
    const from = queryParam(c, 'from', parseMonth)
    const to = queryParam(c, 'to', parseMonth)
    return c.json(
      await dashboardQuery(h, actor, {
        ...(missionLocale === undefined ? {} : { missionLocale }),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      }),
    )
  })

  api.get('/catalogues', (c) => {
    actorOf(c)
    return c.json(cataloguesQuery())
  })

  api.get('/catalogues/offers', async (c) => {
    actorOf(c)
    return c.json(await offerCatalogueOf(h))
  })

  api.get('/outreach', async (c) => {
    const actor = actorOf(c)
    const missionLocale = queryParam(c, 'missionLocale', parseId)
    return c.json(
      await outreachQuery(h, actor, {
        ...(missionLocale === undefined ? {} : { missionLocale }),
        detail: queryParam(c, 'detail', parseOneOf(['cases', 'counts'] as const)) ?? 'cases',
        at: queryParam(c, 'at', parseDate) ?? parseDate(today()),
      }),
    )
  })

  api.post('/outreach/:caseId/status', async (c) => {
    const actor = actorOf(c)
    const caseId = c.req.param('caseId')
    if (!OutreachCaseId.is(caseId))
      return problem(c, {
        status: 400,
        error: 'InvalidInput',
        field: 'caseId',
        message: `caseId: ${caseId} is not an outreach case id (oc- and hex digits)`,
      })
    const body = await jsonBody(c)
    const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<
      string,
      unknown
    >
    const status = b['status']
    if (typeof status !== 'string' || !(recordableStatuses as ReadonlyArray<string>).includes(status))
      return problem(c, {
        status: 400,
        error: 'InvalidInput',
        field: 'status',
        message: `status: expected one of ${recordableStatuses.join(', ')}`,
      })
    const field = (name: string, parse: (s: string) => string): string | undefined =>
      b[name] === undefined ? undefined : parsed(name, b[name], parse)
    const outcome = await recordOutreachStatus(h, actor, caseId, {
      commandId: field('commandId', parseId) ?? `api-${randomUUID()}`,
      status: status as OutreachStatus,
      on: parseDate(field('on', parseDate) ?? today()),
      counsellorId: field('counsellor', parseId),
    })
    return commandAnswer(c, outcome)
  })

  api.get('/catalogues/trainings/:kind', async (c) => {
    actorOf(c)
    return c.json(await trainingCatalogueQuery(h, c.req.param('kind')))
  })

  // The partner feed: for a partner app's token only, filtered by its convention.
  const feedPartner = (c: Context<ServeEnv>) => {
    const actor = actorOf(c)
    if (actor.kind !== 'partner') {
      const denied = decideAccess(h.policy, actor, {
        kind: 'read-partner-feed',
        missionLocaleId: (missionLocaleOf(actor) ?? 'none') as MissionLocaleId,
      })
      throw new ProblemError({
        status: 403,
        error: 'AccessDenied',
        actor: actorRef(actor),
        rule: 'FeedForPartners',
        message: isLeft(denied)
          ? describeAccessDenied(denied.left)
          : `access denied to ${actorRef(actor)} by rule FeedForPartners: the feed is read by partner apps`,
      })
    }
    if (h.feed === undefined)
      throw new ProblemError({
        status: 404,
        error: 'NotFound',
        message: 'no partners file was given to parcours serve: there is no feed',
      })
    return { feed: h.feed, partnerId: actor.id }
  }

  api.get('/partner-feed', async (c) => {
    const { feed, partnerId } = feedPartner(c)
    const after = queryParam(c, 'after', parseIntIn(0, Number.MAX_SAFE_INTEGER))
    const limit = queryParam(c, 'limit', parseIntIn(1, 1000)) ?? 100
    const page = await feed.page(partnerId, after === undefined ? { limit } : { after, limit })()
    if (isLeft(page)) throw feedError(page.left, 'after')
    return c.json(page.right)
  })

  api.post('/partner-feed/ack', async (c) => {
    const { feed, partnerId } = feedPartner(c)
    const body = (await jsonBody(c)) as { position?: unknown } | null
    const position = body?.position
    if (typeof position !== 'number' || !Number.isSafeInteger(position) || position < 0)
      return problem(c, {
        status: 400,
        error: 'InvalidInput',
        field: 'position',
        message: 'position: expected a whole number, 0 or more',
      })
    const acked = await feed.ack(partnerId, position)()
    if (isLeft(acked)) throw feedError(acked.left, 'position')
    return c.json(acked.right)
  })

  return api
}
