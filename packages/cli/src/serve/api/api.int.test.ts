import { left } from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CASE_NAME,
  CASES,
  logIn,
  NAMES,
  OFFERS,
  startServeFixture,
  type ServeFixture,
} from '../testing/serveFixture.js'

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

describe('the partners: offers and outreach', () => {
  it('lists the offer catalogue, open and withdrawn apart', async () => {
    const c = await logIn(f.url, 'c-1')
    const r = await c.get('/api/catalogues/offers')
    expect(r.status).toBe(200)
    const body = (await r.json()) as { open: Array<{ id: string }>; withdrawn: Array<{ id: string }> }
    expect([body.open.map((o) => o.id), body.withdrawn.map((o) => o.id)]).toEqual([
      [OFFERS[0].id],
      [OFFERS[1].id],
    ])
  })

  it("flags on the worklist a proposal whose offer was withdrawn, and lists the mission locale's open cases", async () => {
    const c = await logIn(f.url, 'c-1')
    const sent = await c.post(
      '/api/journeys/y-a/commands',
      offer({
        proposalId: 'p-ft',
        theme: 'employment',
        partnerOffer: { partner: 'france-travail', offerId: OFFERS[1].id },
      }),
    )
    expect(sent.status).toBe(201)
    const w = (await (await c.get('/api/worklist?at=2025-01-21')).json()) as {
      partnerOffersWithdrawn: Array<{ proposalId: string; offerId: string }>
      outreach: Array<{ caseId: string; status: string; openedOn: string; ageDays: number }>
    }
    expect(w.partnerOffersWithdrawn).toEqual([
      expect.objectContaining({ proposalId: 'p-ft', offerId: OFFERS[1].id }),
    ])
    expect(w.outreach).toEqual([
      expect.objectContaining({ caseId: CASES['ml-a'], openedOn: '2025-01-06', ageDays: 15 }),
    ])
    // the worklist page shows both sections: the withdrawn offer, the case by its id only
    const page = await (await c.get('/worklist?at=2025-01-21')).text()
    expect(page).toContain(`<td>${OFFERS[1].id}</td>`)
    expect(page).toContain(`<th scope="row">${CASES['ml-a']}</th><td>Non contacté</td>`)
    expect(page).not.toContain(CASES['ml-b'])
    expect(page).not.toContain(CASE_NAME)
  })

  it('lists the cases pseudonymously, records a status, and answers 422 for a date before the latest fact', async () => {
    const c = await logIn(f.url, 'c-1')
    const caseId = CASES['ml-a']
    const listed = await c.get('/api/outreach?at=2025-01-12')
    const text = await listed.text()
    expect(listed.status).toBe(200)
    expect(text).toContain(caseId)
    expect(text).not.toContain(CASE_NAME)
    expect(text).not.toContain(CASES['ml-b'])
    const r = await c.post(`/api/outreach/${caseId}/status`, {
      commandId: 'st-1',
      status: 'contacted-followed',
      on: '2025-01-13',
    })
    expect(r.status).toBe(201)
    expect(await r.json()).toMatchObject({ replayed: false, events: [{ type: 'OutreachStatusRecorded' }] })
    const again = await c.post(`/api/outreach/${caseId}/status`, {
      commandId: 'st-1',
      status: 'contacted-followed',
      on: '2025-01-13',
    })
    expect(await again.json()).toMatchObject({ replayed: true })
    const after = (await (await c.get('/api/outreach?at=2025-01-14')).json()) as {
      cases: Array<{ caseId: string; status: string }>
    }
    expect(after.cases).toEqual([expect.objectContaining({ caseId, status: 'contacted-followed' })])
    const before = await c.post(`/api/outreach/${caseId}/status`, { status: 'unreachable', on: '2025-01-07' })
    expect([before.status, ((await before.json()) as { rule: string }).rule]).toEqual([
      422,
      'OutreachDatedBefore',
    ])
  })

  it('answers 400 naming the field for a wrong status or case id, and refuses without the CSRF token', async () => {
    const c = await logIn(f.url, 'c-1')
    const wrong = await c.post(`/api/outreach/${CASES['ml-a']}/status`, { status: 'not-contacted' })
    expect(await wrong.json()).toMatchObject({ status: 400, field: 'status' })
    const badId = await c.post('/api/outreach/case-1/status', { status: 'unreachable' })
    expect(await badId.json()).toMatchObject({ status: 400, field: 'caseId' })
    const badDate = await c.post(`/api/outreach/${CASES['ml-a']}/status`, {
      status: 'unreachable',
      on: 'soon',
    })
    expect(await badDate.json()).toMatchObject({ status: 400, field: 'on' })
    const noCsrf = await c.post(
      `/api/outreach/${CASES['ml-a']}/status`,
      { status: 'unreachable' },
      { 'X-CSRF-Token': 'forged' },
    )
    expect(noCsrf.status).toBe(403)
  })

  it("gives a statistician counts only, and another mission locale's counsellor neither", async () => {
    const s = await logIn(f.url, 's-1')
    const cases = await s.get('/api/outreach?missionLocale=ml-a')
    expect(await cases.json()).toMatchObject({ status: 403, rule: 'AggregatesOnly' })
    const counts = await s.get('/api/outreach?detail=counts&missionLocale=ml-b')
    expect(await counts.json()).toEqual({
      missionLocaleId: 'ml-b',
      detail: 'counts',
      counts: {
        open: {
          'not-contacted': 1,
          'contacted-followed': 0,
          'contacted-not-followed': 0,
          'already-followed': 0,
          unreachable: 0,
        },
        registered: 0,
        closedByRetention: 0,
      },
    })
    const c2 = await logIn(f.url, 'c-2')
    expect((await c2.get('/api/outreach?missionLocale=ml-a')).status).toBe(403)
    expect((await c2.get('/api/outreach?missionLocale=ml-a&detail=counts')).status).toBe(403)
  })
})

describe('the offer form and France Travail offers', () => {
  const post = async (c: Awaited<ReturnType<typeof logIn>>, fields: Record<string, string>) =>
    fetch(`${f.url}/journeys/y-a/offer`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: c.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: c.csrfToken,
        missionLocaleId: 'ml-a',
        on: '2025-01-15',
        theme: 'employment',
        respondBy: '2025-02-15',
        ...fields,
      }).toString(),
    })

  it('offers the open offers of the catalogue to choose from, not the withdrawn ones', async () => {
    const c = await logIn(f.url, 'c-1')
    const html = await (await c.get('/journeys/y-a/offer')).text()
    expect(html).toContain(`<option value="${OFFERS[0].id}">${OFFERS[0].id} — ${OFFERS[0].title}`)
    expect(html).not.toContain(OFFERS[1].id)
  })

  it('links the proposal to the offer chosen, as --partner-offer does', async () => {
    const c = await logIn(f.url, 'c-1')
    const r = await post(c, { commandId: 'form-ft-1', proposalId: 'p-form-ft', partnerOffer: OFFERS[0].id })
    expect(r.status).toBe(303)
    const read = await f.handles.env.store.readStream('journey-y-a')()
    if (read._tag === 'Left') throw new Error(JSON.stringify(read.left))
    const offered = read.right
      .map((x) => x.event)
      .find((e) => 'proposalId' in e && e.proposalId === 'p-form-ft')
    expect(offered).toMatchObject({
      type: 'ProposalOffered',
      partnerOffer: { partner: 'france-travail', offerId: OFFERS[0].id },
    })
  })

  it('refuses a withdrawn or unknown offer at its field, and writes nothing', async () => {
    const c = await logIn(f.url, 'c-1')
    const withdrawn = await post(c, {
      commandId: 'form-ft-2',
      proposalId: 'p-form-gone',
      partnerOffer: OFFERS[1].id,
    })
    expect(withdrawn.status).toBe(400)
    expect(await withdrawn.text()).toContain('was withdrawn by France Travail')
    const unknown = await post(c, {
      commandId: 'form-ft-3',
      proposalId: 'p-form-none',
      partnerOffer: '999ZZZZ',
    })
    expect(unknown.status).toBe(400)
    expect(await unknown.text()).toContain('no offer 999ZZZZ in the offer catalogue')
    const journey = await (await c.get('/api/journeys/y-a')).text()
    expect(journey).not.toContain('p-form-gone')
    expect(journey).not.toContain('p-form-none')
  })
})
