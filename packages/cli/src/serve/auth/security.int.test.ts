import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { logIn, PASSWORD, startServeFixture, type ServeFixture } from '../testing/serveFixture.js'

// One test per security rule of the web module.

let f: ServeFixture
let now = Date.UTC(2025, 0, 10, 9)
beforeAll(async () => {
  f = await startServeFixture({
    clock: () => now,
    loginLimits: { perLogin: { max: 3, windowMs: 60_000 }, perAddress: { max: 6, windowMs: 60_000 } },
    proxy: { header: 'X-Parcours-Actor', trusted: ['192.0.2.1'] },
  })
})
afterAll(() => f.close())

const login = (login: string, password: string) =>
  fetch(`${f.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  })

describe('headers', () => {
  it('sends a strict Content-Security-Policy and the usual headers on every answer, errors included', async () => {
    for (const path of ['/api/openapi.json', '/api/me', '/nowhere']) {
      const r = await fetch(`${f.url}${path}`)
      const csp = r.headers.get('Content-Security-Policy') ?? ''
      expect(csp, path).toContain("default-src 'self'")
      expect(csp, path).toContain("frame-ancestors 'none'")
      expect(csp, path).toContain("script-src 'self'")
      expect(csp, path).not.toContain('unsafe-inline')
      expect(r.headers.get('X-Content-Type-Options'), path).toBe('nosniff')
      expect(r.headers.get('X-Frame-Options'), path).toBe('DENY')
      expect(r.headers.get('Referrer-Policy'), path).toBe('same-origin')
      expect(r.headers.get('Cache-Control'), path).toBe('no-store')
      expect(r.headers.get('Strict-Transport-Security'), path).toBeNull()
    }
  })
})

describe('request bodies', () => {
  it('refuses one over 64 KiB with 413, before reading it', async () => {
    const c = await logIn(f.url, 'c-1')
    const r = await c.post('/api/journeys/y-a/commands', {
      command: { type: 'OfferProposal' },
      padding: 'x'.repeat(70_000),
    })
    expect([r.status, ((await r.json()) as { error: string }).error]).toEqual([413, 'BodyTooLarge'])
  })
})

describe('session cookies', () => {
  it('are HttpOnly and SameSite=Strict, not Secure over plain HTTP', async () => {
    const cookie = (await login('c-1', PASSWORD)).headers.get('Set-Cookie') ?? ''
    expect(cookie).toMatch(/^parcours_session=[\w-]{40,};/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    expect(cookie).not.toContain('Secure')
  })

  it('end after 30 minutes without a request', async () => {
    const c = await logIn(f.url, 'c-1')
    expect((await c.get('/api/me')).status).toBe(200)
    now += 29 * 60_000
    expect((await c.get('/api/me')).status).toBe(200)
    now += 31 * 60_000
    expect((await c.get('/api/me')).status).toBe(401)
  })

  it('end at logout', async () => {
    const c = await logIn(f.url, 'c-1')
    const out = await fetch(`${f.url}/api/session`, {
      method: 'DELETE',
      headers: { Cookie: c.cookie, 'X-CSRF-Token': c.csrfToken },
    })
    expect(out.status).toBe(204)
    expect((await c.get('/api/me')).status).toBe(401)
  })
})

describe('CSRF', () => {
  const offer = {
    command: {
      type: 'OfferProposal',
      missionLocaleId: 'ml-a',
      on: '2025-01-10',
      proposalId: 'p-csrf',
      theme: 'training',
      respondBy: '2025-02-10',
    },
  }

  it('refuses a state-changing call with the session cookie and no token, or a wrong one; nothing is written', async () => {
    const c = await logIn(f.url, 'c-1')
    for (const token of ['', 'wrong-token']) {
      const r = await c.post('/api/journeys/y-a/commands', offer, { 'X-CSRF-Token': token })
      expect(r.status).toBe(403)
      expect(await r.json()).toMatchObject({ error: 'CsrfTokenInvalid' })
    }
    const journey = await (await c.get('/api/journeys/y-a')).text()
    expect(journey).not.toContain('p-csrf')
  })

  it('refuses a form posted from another site even with the right token', async () => {
    const c = await logIn(f.url, 'c-1')
    const r = await c.post('/api/journeys/y-a/commands', offer, { Origin: 'https://evil.example' })
    expect(await r.json()).toMatchObject({ status: 403, error: 'CrossOriginRequest' })
  })
})

describe('login rate limit', () => {
  it('answers 429 with Retry-After after too many failures for a login, even with the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await login('m-1', 'wrong password!')).status).toBe(401)
    const r = await login('m-1', PASSWORD)
    expect(r.status).toBe(429)
    expect(Number(r.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(await r.json()).toMatchObject({
      error: 'TooManyAttempts',
      message: expect.stringContaining('for this login'),
    })
    now += 61_000
    expect((await login('m-1', PASSWORD)).status).toBe(201)
  })

  it('answers 429 after too many failures from one address, whatever the login', async () => {
    now += 120_000
    for (let i = 0; i < 6; i++) expect((await login(`nobody-${i}`, 'wrong password!')).status).toBe(401)
    const r = await login('s-1', PASSWORD)
    expect(r.status).toBe(429)
    expect(await r.json()).toMatchObject({ message: expect.stringContaining('from this address') })
    now += 61_000
  })

  it('says the same for an unknown login and a wrong password', async () => {
    now += 120_000
    const unknown = await (await login('nobody', 'wrong password!')).json()
    const wrong = await (await login('c-2', 'wrong password!')).json()
    expect(unknown).toEqual(wrong)
  })
})

describe('reverse proxy identity', () => {
  it('is ignored from an address that is not the trusted proxy', async () => {
    const r = await fetch(`${f.url}/api/me`, { headers: { 'X-Parcours-Actor': 'manager:m-9@ml-a' } })
    expect(r.status).toBe(401)
  })

  it('is taken from the trusted proxy', async () => {
    const g = await startServeFixture({ proxy: { header: 'X-Parcours-Actor', trusted: ['127.0.0.1'] } })
    try {
      const r = await fetch(`${g.url}/api/me`, {
        headers: { 'X-Parcours-Actor': 'manager:m-9@ml-a', 'X-Forwarded-Proto': 'https' },
      })
      expect(await r.json()).toMatchObject({ actor: { kind: 'manager', id: 'm-9', missionLocaleId: 'ml-a' } })
      expect(r.headers.get('Strict-Transport-Security')).toContain('max-age=')
      const operator = await fetch(`${g.url}/api/me`, { headers: { 'X-Parcours-Actor': 'operator:o-1' } })
      expect(operator.status).toBe(401)
      const s = await fetch(`${g.url}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' },
        body: JSON.stringify({ login: 'c-1', password: PASSWORD }),
      })
      expect(s.headers.get('Set-Cookie')).toContain('Secure')
    } finally {
      await g.close()
    }
  })

  it('is off by default', async () => {
    const g = await startServeFixture()
    try {
      expect(
        (await fetch(`${g.url}/api/me`, { headers: { 'X-Parcours-Actor': 'manager:m-9@ml-a' } })).status,
      ).toBe(401)
    } finally {
      await g.close()
    }
  })
})
