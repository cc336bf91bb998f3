import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASES, logIn, startServeFixture, type Client, type ServeFixture } from '../testing/serveFixture.js'
import { openApiDocument } from './openApi.js'

// The OpenAPI description against the app: the same routes, and real answers valid against it.

let f: ServeFixture
beforeAll(async () => {
  f = await startServeFixture()
})
afterAll(() => f.close())

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >
}
const doc = openApiDocument as unknown as Doc

// Hono writes `:youthId` where OpenAPI writes `{youthId}`.
const asOpenApi = (path: string) => path.replace(/:(\w+)/g, '{$1}')
const appRoutes = () =>
  new Set(f.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${asOpenApi(r.path)}`))
const described = (prefix = '/') =>
  new Set(
    Object.entries(doc.paths)
      .filter(([path]) => path.startsWith(prefix))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)),
  )

describe('the OpenAPI description', () => {
  it('is served at /api/openapi.json without logging in', async () => {
    const r = await fetch(`${f.url}/api/openapi.json`)
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({ openapi: '3.1.0' })
  })

  it('describes every route of the app, pages included, and only those', () => {
    expect([...described()].sort()).toEqual([...appRoutes()].sort())
  })

  it('validates the answers of real calls, one or more per API route', async () => {
    const ajv = new Ajv2020({ strict: false })
    ajv.addSchema({ $id: 'doc', components: openApiDocument.components })
    const c = await logIn(f.url, 'c-1')
    const m = await logIn(f.url, 'm-1')
    const s = await logIn(f.url, 's-1')
    const anonymous: Client = {
      ...c,
      get: (p) => fetch(`${f.url}${p}`),
      post: (p, b) =>
        fetch(`${f.url}${p}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(b),
        }),
    }
    const offer = (proposalId: string, over: Record<string, unknown> = {}) => ({
      command: {
        type: 'OfferProposal',
        missionLocaleId: 'ml-a',
        on: '2025-01-10',
        proposalId,
        theme: 'training',
        respondBy: '2025-02-10',
        ...over,
      },
    })
    const calls: ReadonlyArray<readonly [string, string, () => Promise<Response>]> = [
      ['GET', '/api/openapi.json', () => anonymous.get('/api/openapi.json')],
      [
        'POST',
        '/api/session',
        () => anonymous.post('/api/session', { login: 'c-1', password: 'wrong password!' }),
      ],
      ['POST', '/api/session', () => anonymous.post('/api/session', { login: 'c-1' })],
      ['DELETE', '/api/session', () => fetch(`${f.url}/api/session`, { method: 'DELETE' })],
      ['GET', '/api/me', () => c.get('/api/me')],
      ['GET', '/api/me', () => anonymous.get('/api/me')],
      [
        'POST',
        '/api/journeys/{youthId}/commands',
        () => c.post('/api/journeys/y-a/commands', offer('p-doc')),
      ],
      [
        'POST',
        '/api/journeys/{youthId}/commands',
        () => c.post('/api/journeys/y-a/commands', offer('p-doc-2', { on: 'soon' })),
      ],
      [
        'POST',
        '/api/journeys/{youthId}/commands',
        () => m.post('/api/journeys/y-a/commands', offer('p-doc-3')),
      ],
      [
        'POST',
        '/api/journeys/{youthId}/commands',
        () =>
          c.post('/api/journeys/y-a/commands', {
            command: {
              type: 'AcceptProposal',
              missionLocaleId: 'ml-a',
              on: '2025-01-11',
              proposalId: 'p-none',
            },
          }),
      ],
      [
        'POST',
        '/api/journeys/{youthId}/commands',
        () => anonymous.post('/api/journeys/y-a/commands', offer('p-doc-4')),
      ],
      ['GET', '/api/journeys/{youthId}', () => c.get('/api/journeys/y-a')],
      ['GET', '/api/journeys/{youthId}', () => c.get('/api/journeys/y-b')],
      ['GET', '/api/journeys/{youthId}', () => m.get('/api/journeys/y-none')],
      ['GET', '/api/worklist', () => c.get('/api/worklist?at=2025-01-12')],
      ['GET', '/api/worklist', () => c.get('/api/worklist?at=never')],
      ['GET', '/api/caseload', () => c.get('/api/caseload')],
      ['GET', '/api/caseload', () => s.get('/api/caseload?counsellor=c-1&missionLocale=ml-a')],
      ['GET', '/api/dashboard', () => m.get('/api/dashboard')],
      ['GET', '/api/dashboard', () => s.get('/api/dashboard?from=2025-01&to=2025-03')],
      ['GET', '/api/dashboard', () => c.get('/api/dashboard?missionLocale=ml-b')],
      ['GET', '/api/catalogues', () => c.get('/api/catalogues')],
      ['GET', '/api/catalogues/trainings/{kind}', () => c.get('/api/catalogues/trainings/session')],
      ['GET', '/api/catalogues/trainings/{kind}', () => c.get('/api/catalogues/trainings/other')],
      ['GET', '/api/catalogues/offers', () => c.get('/api/catalogues/offers')],
      ['GET', '/api/outreach', () => c.get('/api/outreach?at=2025-01-12')],
      ['GET', '/api/outreach', () => s.get('/api/outreach?detail=counts')],
      ['GET', '/api/outreach', () => s.get('/api/outreach?missionLocale=ml-a')],
      ['GET', '/api/outreach', () => c.get('/api/outreach?detail=some')],
      [
        'POST',
        '/api/outreach/{caseId}/status',
        () => c.post(`/api/outreach/${CASES['ml-a']}/status`, { status: 'unreachable', on: '2025-01-13' }),
      ],
      [
        'POST',
        '/api/outreach/{caseId}/status',
        () => c.post(`/api/outreach/${CASES['ml-a']}/status`, { status: 'unreachable', on: '2025-01-01' }),
      ],
      ['POST', '/api/outreach/{caseId}/status', () => c.post(`/api/outreach/${CASES['ml-a']}/status`, {})],
      [
        'POST',
        '/api/outreach/{caseId}/status',
        () => c.post(`/api/outreach/${CASES['ml-b']}/status`, { status: 'unreachable', on: '2025-01-13' }),
      ],
      ['GET', '/api/partner-feed', () => c.get('/api/partner-feed')],
      ['POST', '/api/partner-feed/ack', () => c.post('/api/partner-feed/ack', { position: 1 })],
    ]
    // The validator does refuse: a problem without its message is not a Problem.
    expect(ajv.compile(rebase({ $ref: '#/components/schemas/Problem' }))({ status: 400, error: 'x' })).toBe(
      false,
    )
    const seen = new Set<string>()
    for (const [method, path, call] of calls) {
      const r = await call()
      const op = doc.paths[path]?.[method.toLowerCase()]
      const answer = op?.responses[String(r.status)]
      expect(answer, `${method} ${path} answered ${r.status}, which is not described`).toBeDefined()
      seen.add(`${method} ${path}`)
      const schema = answer?.content?.['application/json']?.schema
      if (schema === undefined) {
        expect(await r.text(), `${method} ${path} ${r.status}`).toBe('')
        continue
      }
      const validate = ajv.compile(rebase(schema))
      const body: unknown = await r.json()
      expect(
        validate(body) ? [] : validate.errors,
        `${method} ${path} ${r.status}: ${JSON.stringify(body)}`,
      ).toEqual([])
    }
    expect([...seen].sort()).toEqual([...described('/api/')].sort())
  })
})

// A schema of the document, its $refs pointing into the document registered as `doc`.
const rebase = (schema: object): object =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')) as object
