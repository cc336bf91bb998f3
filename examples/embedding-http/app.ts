// The routes: each one reads the actor and its input, calls Parcours, and answers JSON. Every
// error answer is a problem (see problems.ts); anything unexpected is a 500 that says nothing of
// its insides.

import { isLeft } from 'fp-ts/lib/Either.js'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { parseActorRef, type Actor } from '@parcours/domain'
import { createRefresher, getDashboard } from './getDashboard.js'
import { getJourney } from './getJourney.js'
import type { Parcours } from './openParcours.js'
import { createPostCommand } from './postCommand.js'
import { internalError, invalidInput, ProblemError, type Problem } from './problems.js'

/** The header naming the actor. A real service sets it from an authenticated session, never from the client. */
export const ACTOR_HEADER = 'X-Parcours-Actor'

const answer = (c: Context, p: Problem) => c.json(p, p.status as ContentfulStatusCode)

// Stands in for authentication: see README.md, "Who is asking".
const actorOf = (c: Context): Actor => {
  const raw = c.req.header(ACTOR_HEADER)
  if (raw === undefined || raw === '')
    throw invalidInput(
      ACTOR_HEADER,
      `${ACTOR_HEADER}: required, e.g. counsellor:c-1@ml-lyon or statistician:s-1`,
    )
  const actor = parseActorRef(raw)
  if (isLeft(actor)) throw invalidInput(ACTOR_HEADER, `${ACTOR_HEADER}: ${actor.left.reason}`)
  return actor.right
}

const jsonBody = async (c: Context): Promise<unknown> => {
  if (!(c.req.header('Content-Type') ?? '').startsWith('application/json'))
    throw invalidInput('(body)', 'the body must be JSON (Content-Type: application/json)')
  try {
    return JSON.parse(await c.req.text()) as unknown
  } catch {
    throw invalidInput('(body)', 'the body is not valid JSON')
  }
}

/** The service's routes on an opened Parcours. */
export const createApp = (p: Parcours): Hono => {
  const refresh = createRefresher(p)
  const postCommand = createPostCommand(p)
  const app = new Hono()
  app.post(
    '/commands',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) =>
        c.json({ status: 413, error: 'PayloadTooLarge', message: 'a command is at most 64 KiB' }, 413),
    }),
    async (c) => {
      const actor = actorOf(c)
      const handled = await postCommand(actor, await jsonBody(c))
      return c.json(handled, handled.replayed ? 200 : 201)
    },
  )
  app.get('/journeys/:youthId', async (c) => c.json(await getJourney(p, actorOf(c), c.req.param('youthId'))))
  app.get('/dashboard', async (c) =>
    c.json(
      await getDashboard(p, refresh, actorOf(c), {
        missionLocale: c.req.query('missionLocale'),
        from: c.req.query('from'),
        to: c.req.query('to'),
      }),
    ),
  )
  app.notFound((c) =>
    answer(c, { status: 404, error: 'NotFound', message: `no route ${c.req.method} ${c.req.path}` }),
  )
  app.onError((e, c) => {
    if (e instanceof ProblemError) return answer(c, e.problem)
    p.logger.error({ err: e, method: c.req.method, path: c.req.path }, 'request failed')
    return answer(c, internalError)
  })
  return app
}
