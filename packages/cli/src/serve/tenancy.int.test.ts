import { isRight } from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MissionLocaleId } from '@parcours/domain'
import {
  CASE_NAME,
  CASES,
  logIn,
  NAMES,
  startServeFixture,
  type Client,
  type ServeFixture,
} from './testing/serveFixture.js'

// One mission locale's counsellor cannot reach another's journey by any URL of the app, and a
// statistician never gets an identity: every route is tried, with y-a (ml-a's journey) wherever
// a route takes a journey, ml-a's outreach case wherever it takes a case, and ml-a / c-1 wherever
// it takes a mission locale or a counsellor.

let f: ServeFixture
beforeAll(async () => {
  f = await startServeFixture()
})
afterAll(() => f.close())

// Logging out ends the session the sweep goes on with: those routes come last.
const endsSession = (r: { method: string; path: string }) =>
  r.path === '/logout' || (r.method === 'DELETE' && r.path === '/api/session')

const routes = () => {
  const seen = new Set<string>()
  return [...f.app.routes]
    .sort((a, b) => Number(endsSession(a)) - Number(endsSession(b)))
    .filter((r) => r.method !== 'ALL')
    .filter((r) => {
      const key = `${r.method} ${r.path}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
}

const QUERY = '?counsellor=c-1&missionLocale=ml-a&at=2025-01-12&youthId=y-a'
const COMMAND = {
  type: 'OfferProposal',
  missionLocaleId: 'ml-a',
  on: '2025-01-10',
  proposalId: 'p-x',
  theme: 'training',
  respondBy: '2025-02-10',
}
// A valid form of any kind: the fields of every journey form (each form's command drops the others).
const FORM = {
  ...COMMAND,
  followUpId: 'f-x',
  dueOn: '2025-01-20',
  kind: 'individual-interview',
  sessionId: 's-x',
  present: 'true',
  outcome: 'carried-out',
  counsellorId: 'c-1',
  birthDate: '2005-05-10',
}

// Every route, as `who`: the API with JSON, the pages with a form; each answer's status and text.
const tryEverything = async (who: Client) => {
  const answers: Array<{ route: string; status: number; text: string }> = []
  for (const r of routes()) {
    const path = r.path
      .replace(':youthId', 'y-a')
      .replace(':kind', 'action')
      .replace(':caseId', CASES['ml-a'])
    const url = `${f.url}${path}${QUERY}`
    const api = path.startsWith('/api/')
    const body = api
      ? JSON.stringify({ command: COMMAND, position: 0, login: 'c-1', password: 'x', status: 'unreachable' })
      : new URLSearchParams({
          ...FORM,
          _csrf: who.csrfToken,
          youthId: 'y-a',
          commandId: `t-${r.path}`,
        }).toString()
    const res = await fetch(url, {
      method: r.method,
      redirect: 'manual',
      headers: {
        Cookie: who.cookie,
        'X-CSRF-Token': who.csrfToken,
        'Content-Type': api ? 'application/json' : 'application/x-www-form-urlencoded',
      },
      ...(r.method === 'GET' || r.method === 'HEAD' ? {} : { body }),
    })
    answers.push({ route: `${r.method} ${r.path}`, status: res.status, text: await res.text() })
  }
  return answers
}

const journeyLength = async () => {
  const read = await f.handles.env.store.readStream('journey-y-a')()
  return isRight(read) ? read.right.length : -1
}
const outreachLength = async () => {
  const all = await f.handles.outreach.store.readAll()()
  return isRight(all) ? all.right.length : -1
}
const openingsBy = async (actor: string) => {
  const log = await f.handles.env.accessLog.list({ missionLocaleId: 'ml-a' as MissionLocaleId })()
  return isRight(log) ? log.right.filter((e) => JSON.stringify(e).includes(actor)).length : -1
}

describe('tenancy over every route', () => {
  it('tries a route of each kind (the sweep sees the app)', () => {
    const paths = routes().map((r) => r.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/journeys/:youthId',
        '/api/journeys/:youthId/commands',
        '/journeys/:youthId',
        '/worklist',
        '/api/outreach',
        '/api/outreach/:caseId/status',
      ]),
    )
  })

  it("keeps ml-a's journey from ml-b's counsellor: refused wherever it is named, never shown, never changed", async () => {
    const before = await journeyLength()
    const cases = await outreachLength()
    const c2 = await logIn(f.url, 'c-2')
    const answers = await tryEverything(c2)
    for (const a of answers) {
      expect(a.text, a.route).not.toContain(NAMES['y-a'])
      expect(a.text, a.route).not.toContain(CASES['ml-a'].slice(3))
      expect(a.text, a.route).not.toContain(CASE_NAME)
      if (a.route.includes(':youthId') || a.route.includes(':caseId')) expect(a.status, a.route).toBe(403)
      expect(a.status, a.route).not.toBe(500)
    }
    expect(answers.find((a) => a.route === 'GET /api/outreach')?.status).toBe(403)
    expect(await journeyLength()).toBe(before)
    expect(await outreachLength()).toBe(cases)
    expect(await openingsBy('counsellor:c-2@ml-b')).toBe(0)
  })

  it('never gives a statistician an identity, by any route', async () => {
    const s = await logIn(f.url, 's-1')
    const answers = await tryEverything(s)
    for (const a of answers) {
      expect(a.text, a.route).not.toContain(NAMES['y-a'])
      expect(a.text, a.route).not.toContain(NAMES['y-b'])
      expect(a.text, a.route).not.toContain(CASE_NAME)
      // Never a case list: counts only, no case id anywhere.
      for (const id of Object.values(CASES)) expect(a.text, a.route).not.toContain(id.slice(3))
      expect(a.status, a.route).not.toBe(500)
    }
    expect(answers.find((a) => a.route === 'GET /api/outreach')?.status).toBe(403)
    // The sweep logged the session out last: a new one.
    const counts = await (await logIn(f.url, 's-1')).get('/api/outreach?detail=counts')
    expect(counts.status).toBe(200)
    expect(await counts.json()).toMatchObject({
      missionLocaleId: null,
      counts: { open: { 'not-contacted': 2 } },
    })
    expect(await openingsBy('statistician:s-1')).toBe(0)
  })

  it('lets ml-a’s own counsellor see the name (the sweep can see one when it is there)', async () => {
    const c1 = await logIn(f.url, 'c-1')
    const r = await c1.get('/journeys/y-a')
    expect(r.status).toBe(200)
    expect(await r.text()).toContain(NAMES['y-a'])
  })
})
