import { left } from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { logIn, NAMES, startServeFixture, type ServeFixture } from '../testing/serveFixture.js'

// The JSON API over a memory store: each kind of answer of a journey command, and the queries.

let f: ServeFixture
beforeAll(async () => {
  f = await startServeFixture()
})
afterAll(() => f.close())

const offer = (over: Record<string, unknown> = {}) => ({
  command: {
    type: 'OfferProposal',
    missionLocaleId: 'ml-a',
    on: '2025-01-10',
    proposalId: 'p-1',
    theme: 'training',
    respondBy: '2025-02-10',
    ...over,
  },
})

describe('journey commands', () => {
  it('answers 201 with the events written, and 201 replayed for the same command id', async () => {
    const c = await logIn(f.url, 'c-1')
    const r = await c.post('/api/journeys/y-a/commands', { commandId: 'cmd-offer-1', ...offer() })
    expect(r.status).toBe(201)
    expect(await r.json()).toEqual({
      _tag: 'Handled',
      commandId: 'cmd-offer-1',
      streamName: 'journey-y-a',
      replayed: false,
      events: [{ revision: expect.any(Number), type: 'ProposalOffered' }],
    })
    const again = await c.post('/api/journeys/y-a/commands', { commandId: 'cmd-offer-1', ...offer() })
    expect([again.status, ((await again.json()) as { replayed: boolean }).replayed]).toEqual([201, true])
  })

  it('answers 400 naming the field, and writes nothing', async () => {
    const c = await logIn(f.url, 'c-1')
    const r = await c.post(
      '/api/journeys/y-a/commands',
      offer({ respondBy: '2025-02-30', proposalId: 'p-bad' }),
    )
    expect(r.status).toBe(400)
    expect(await r.json()).toMatchObject({
      error: 'InvalidInput',
      field: 'respondBy',
      message: expect.stringContaining('respondBy'),
    })
    const unknown = await c.post('/api/journeys/y-a/commands', { command: { type: 'Nope' } })
    expect(await unknown.json()).toMatchObject({ status: 400, field: 'type' })
    const journey = (await (await c.get('/api/journeys/y-a')).json()) as {
      items: Array<{ details: { proposalId?: string } }>
    }
    expect(journey.items.some((i) => i.details.proposalId === 'p-bad')).toBe(false)
  })

  it('answers 403 naming the actor and the access rule', async () => {
    const c = await logIn(f.url, 'c-2')
    const r = await c.post('/api/journeys/y-a/commands', offer({ proposalId: 'p-2' }))
    expect(r.status).toBe(403)
    expect(await r.json()).toMatchObject({
      error: 'AccessDenied',
      actor: 'counsellor:c-2@ml-b',
      rule: 'OtherMissionLocale',
      message: expect.stringMatching(/^access denied to counsellor:c-2@ml-b by rule OtherMissionLocale/),
    })
    const m = await logIn(f.url, 'm-1')
    expect(
      await (await m.post('/api/journeys/y-a/commands', offer({ proposalId: 'p-3' }))).json(),
    ).toMatchObject({
      status: 403,
      rule: 'ManagerDoesNotCounsel',
    })
  })

  it('answers 422 naming the journey rule', async () => {
    const c = await logIn(f.url, 'c-1')
    const r = await c.post('/api/journeys/y-a/commands', {
      command: {
        type: 'RecordProposalOutcome',
        missionLocaleId: 'ml-a',
        on: '2025-01-11',
        proposalId: 'p-unknown',
        outcome: 'refused-by-youth',
      },
    })
    expect(r.status).toBe(422)
    expect(await r.json()).toMatchObject({
      error: 'RuleRefused',
      rule: 'UnknownProposal',
      message: expect.stringContaining('refused by rule UnknownProposal'),
    })
  })

  it('answers 401 to nobody, with nothing written', async () => {
    const r = await fetch(`${f.url}/api/journeys/y-a/commands`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(offer({ proposalId: 'p-4' })),
    })
    expect([r.status, ((await r.json()) as { error: string }).error]).toEqual([401, 'Unauthenticated'])
  })
})

describe('a store where another writer always wins', () => {
  let g: ServeFixture
  beforeAll(async () => {
    g = await startServeFixture({
      wrapStore: (s) => ({
        ...s,
        append: (stream, expected, events) =>
          stream === 'journey-y-a' && events.some((e) => e.event.type === 'ProposalOffered')
            ? async () =>
                left({ _tag: 'WrongExpectedRevision', streamName: stream, expected, actual: 99n } as never)
            : s.append(stream, expected, events),
      }),
    })
  })
  afterAll(() => g.close())

  it('answers 409 with Retry-After, and the same command id succeeds once the journey is still', async () => {
    const c = await logIn(g.url, 'c-1')
    const r = await c.post('/api/journeys/y-a/commands', { commandId: 'cmd-409', ...offer() })
    expect([r.status, r.headers.get('Retry-After')]).toEqual([409, '1'])
    expect(await r.json()).toMatchObject({
      error: 'Conflict',
      retryAfterSeconds: 1,
      message: expect.stringContaining('same commandId'),
    })
  })
})

describe('queries', () => {
  it('gives a counsellor their journey with the identity opened, and records the opening', async () => {
    const c = await logIn(f.url, 'c-1')
    const r = await c.get('/api/journeys/y-a')
    expect(r.status).toBe(200)
    const body = (await r.json()) as { identity: Record<string, string>; items: unknown[] }
    expect(body.identity).toMatchObject({ firstName: NAMES['y-a'] })
    const log = await f.handles.env.accessLog.list({ missionLocaleId: 'ml-a' as never })()
    expect(JSON.stringify(log)).toContain('counsellor:c-1@ml-a')
  })

  it('gives the worklist, the caseload, the dashboard and the catalogues', async () => {
    const c = await logIn(f.url, 'c-1')
    const worklist = (await (await c.get('/api/worklist?at=2025-01-12')).json()) as Record<string, unknown>
    expect(worklist).toMatchObject({ counsellorId: 'c-1', missionLocaleId: 'ml-a', asOf: '2025-01-12' })
    expect(await (await c.get('/api/caseload')).json()).toMatchObject({
      journeys: [{ youthId: 'y-a', open: true }],
    })
    const m = await logIn(f.url, 'm-1')
    expect(await (await m.get('/api/dashboard')).json()).toMatchObject({ missionLocaleId: 'ml-a' })
    const s = await logIn(f.url, 's-1')
    expect(await (await s.get('/api/dashboard')).json()).toMatchObject({ missionLocaleId: null })
    expect(await (await c.get('/api/catalogues')).json()).toMatchObject({
      themes: expect.arrayContaining(['training']),
    })
    expect((await c.get('/api/catalogues/trainings/action')).status).toBe(200)
    expect(await (await c.get('/api/catalogues/trainings/nope')).json()).toMatchObject({
      status: 400,
      field: 'kind',
    })
    expect(await (await c.get('/api/worklist?at=2025-13-01')).json()).toMatchObject({
      status: 400,
      field: 'at',
    })
  })

  it('never gives a statistician an identity', async () => {
    const s = await logIn(f.url, 's-1')
    const r = await s.get('/api/journeys/y-a')
    expect(r.status).toBe(403)
    const text = await r.text()
    expect(text).toContain('AggregatesOnly')
    expect(text).not.toContain(NAMES['y-a'])
  })

  it('keeps the partner feed for partner apps', async () => {
    const c = await logIn(f.url, 'c-1')
    expect(await (await c.get('/api/partner-feed')).json()).toMatchObject({
      status: 403,
      rule: 'FeedForPartners',
    })
    const bad = await fetch(`${f.url}/api/partner-feed`, { headers: { Authorization: 'Bearer not-a-token' } })
    expect(bad.status).toBe(401)
  })
})
