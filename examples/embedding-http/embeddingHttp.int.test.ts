// The HTTP example as a client meets it: the service on 127.0.0.1 (a free port), on SQLite and on
// the EventStoreDB stand-in; commands, a journey, the dashboard, the error answers, a retry.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { isLeft } from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createParcoursLogger, getSqliteEventStore } from '@parcours/adapters'
import { startEsdbStandIn, type EsdbStandIn } from '@parcours/adapters/testing'
import { journeyEventCodec } from '@parcours/domain'
import { start, type RunningService } from './server.js'
import type { StoreChoice } from './storeChoice.js'

const counsellor = 'counsellor:c-1@ml-lyon'
const registration = {
  type: 'RegisterYouth',
  youthId: 'youth-1',
  missionLocaleId: 'ml-lyon',
  on: '2026-01-05',
  counsellorId: 'c-1',
  birthDate: '2006-04-02',
  rqth: false,
}
const followUp = {
  type: 'KeepFollowUp',
  youthId: 'youth-1',
  missionLocaleId: 'ml-lyon',
  on: '2026-01-20',
  followUpId: 'fu-1',
}

interface Answer {
  readonly status: number
  readonly body: Record<string, unknown>
}

const client = (url: string) => {
  const call = async (path: string, actor: string | null, init: RequestInit = {}): Promise<Answer> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' }
    if (actor !== null) headers['X-Parcours-Actor'] = actor
    const r = await fetch(`${url}${path}`, { ...init, headers: { ...headers, ...(init.headers as object) } })
    return { status: r.status, body: (await r.json()) as Record<string, unknown> }
  }
  return {
    post: (body: unknown, actor: string | null = counsellor) =>
      call('/commands', actor, {
        method: 'POST',
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path: string, actor: string | null = counsellor) => call(path, actor),
  }
}

const folders: string[] = []
const folder = () => {
  const f = mkdtempSync(join(tmpdir(), 'parcours-http-test-'))
  folders.push(f)
  return f
}

const stores: ReadonlyArray<{
  readonly name: string
  readonly open: () => Promise<{
    store: StoreChoice
    stored: () => Promise<string>
    stop: () => Promise<void>
  }>
}> = [
  {
    name: 'SQLite',
    open: async () => {
      const path = join(folder(), 'events.db')
      return {
        store: { kind: 'sqlite', path },
        stored: async () => {
          const s = getSqliteEventStore({ path, codec: journeyEventCodec })
          const all = await s.readAll()()
          await s.close()
          if (isLeft(all)) throw new Error(all.left._tag)
          return JSON.stringify(all.right, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))
        },
        stop: async () => undefined,
      }
    },
  },
  {
    name: 'the EventStoreDB stand-in',
    open: async () => {
      const standIn: EsdbStandIn = await startEsdbStandIn()
      return {
        store: { kind: 'esdb', connectionString: standIn.connectionString },
        stored: async () => standIn.storedBytes().toString('utf8'),
        stop: () => standIn.stop(),
      }
    },
  },
]

/** A logger writing its lines into `lines`, to check what the service logs. */
const loggerInto = (lines: string[]) =>
  createParcoursLogger({
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'))
        done()
      },
    }),
  })

afterAll(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true })
})

describe.each(stores)('embedding-http on $name', ({ open }) => {
  let service: RunningService
  let stored: () => Promise<string>
  let stopStore: () => Promise<void>
  let api: ReturnType<typeof client>
  const logs: string[] = []

  beforeAll(async () => {
    const opened = await open()
    stored = opened.stored
    stopStore = opened.stop
    service = await start({ port: 0, store: opened.store, dataFolder: folder(), logger: loggerInto(logs) })
    api = client(service.url)
  })
  afterAll(async () => {
    await service.close()
    await stopStore()
  })

  it('listens on 127.0.0.1, on the free port it was given', () => {
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(service.url).not.toMatch(/:0$/)
  })

  it('registers a young person (201), the identity sealed; keeps a follow-up with a sealed comment', async () => {
    const registered = await api.post({
      commandId: 'cmd-1',
      command: registration,
      personal: { firstName: 'Zoé', lastName: 'Martin' },
    })
    expect(registered).toEqual({
      status: 201,
      body: {
        commandId: 'cmd-1',
        youthId: 'youth-1',
        replayed: false,
        revision: 1,
        events: [
          { revision: 0, type: 'YouthRegistered' },
          { revision: 1, type: 'FollowUpScheduled' },
        ],
      },
    })
    const kept = await api.post({
      commandId: 'cmd-2',
      command: followUp,
      personal: { comment: 'wants a welding course' },
      expectedRevision: 1,
    })
    expect(kept.status).toBe(201)
    expect(kept.body['events']).toEqual([
      { revision: 2, type: 'FollowUpKept' },
      { revision: 3, type: 'FollowUpScheduled' },
    ])
    const inStore = await stored()
    expect(inStore).toContain('YouthRegistered')
    expect(inStore).not.toMatch(/Martin|Zoé|welding/)
  })

  it('a retried command (same commandId) answers 200 with what it wrote the first time, and writes nothing', async () => {
    const again = await api.post({
      commandId: 'cmd-2',
      command: followUp,
      personal: { comment: 'x' },
      expectedRevision: 1,
    })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ replayed: true, events: [{ revision: 2 }, { revision: 3 }] })
    const journey = await api.get('/journeys/youth-1')
    expect(journey.body['revision']).toBe(3)
  })

  it('gives the journey to a counsellor of its mission locale, identity opened, comment still sealed', async () => {
    const journey = await api.get('/journeys/youth-1')
    expect(journey.status).toBe(200)
    expect(journey.body).toMatchObject({
      youthId: 'youth-1',
      status: 'open',
      missionLocaleId: 'ml-lyon',
      counsellorId: 'c-1',
      identity: { firstName: 'Zoé', lastName: 'Martin', birthDate: '2006-04-02' },
    })
    const timeline = journey.body['timeline'] as ReadonlyArray<{
      type: string
      details: Record<string, unknown>
    }>
    expect(timeline.map((i) => i.type)).toEqual([
      'YouthRegistered',
      'FollowUpScheduled',
      'FollowUpKept',
      'FollowUpScheduled',
    ])
    expect(timeline[2]?.details['comment']).toBe('sealed')
  })

  it('gives the dashboard, up to date with the commands just handled', async () => {
    const dashboard = await api.get('/dashboard')
    expect(dashboard.status).toBe(200)
    expect(dashboard.body).toMatchObject({
      missionLocaleId: 'ml-lyon',
      totals: { firstReceptions: 1, accompanied: 1, followUps: { kept: 1 } },
    })
    const national = await api.get('/dashboard', 'statistician:s-1')
    expect(national.status).toBe(200)
    expect(national.body).toMatchObject({ missionLocaleId: null, totals: { firstReceptions: 1 } })
    expect(JSON.stringify(national.body)).not.toMatch(/Martin|Zoé/)
  })

  it('400: malformed JSON, a body that is no command, a wrong field, a missing or malformed actor header', async () => {
    const cases: ReadonlyArray<[Promise<Answer>, string, RegExp]> = [
      [api.post('{"commandId": "cmd-9",'), '(body)', /not valid JSON/],
      [api.post({ command: registration }), 'commandId', /commandId: required/],
      [
        api.post({ commandId: 'cmd-9', command: { ...registration, type: 'Dance' } }),
        'command.type',
        /Dance/,
      ],
      [
        api.post({ commandId: 'cmd-9', command: { ...registration, on: 'soon' } }),
        'command.on',
        /expected LocalDate/,
      ],
      [
        api.post({ commandId: 'cmd-9', command: registration, expectedRevision: 'x' }),
        'expectedRevision',
        /integer/,
      ],
      [api.post({ commandId: 'cmd-9', command: registration }, null), 'X-Parcours-Actor', /required/],
      [api.get('/journeys/youth-1', 'counsellor:c-1'), 'X-Parcours-Actor', /belongs to a mission locale/],
      [api.get('/dashboard?from=2026-13'), 'from', /YYYY-MM/],
    ]
    for (const [answer, field, message] of cases) {
      const a = await answer
      expect(a.status, field).toBe(400)
      expect(a.body).toMatchObject({ status: 400, error: 'InvalidInput', field })
      expect(a.body['message']).toMatch(message)
    }
  })

  it('403 with the rule: another mission locale, an unknown journey (the same answer), a statistician, a manager counselling', async () => {
    const other = await api.get('/journeys/youth-1', 'counsellor:c-9@ml-lille')
    const unknown = await api.get('/journeys/youth-404', 'counsellor:c-9@ml-lille')
    expect(other).toMatchObject({ status: 403, body: { error: 'AccessDenied', rule: 'OtherMissionLocale' } })
    expect(unknown).toMatchObject({
      status: 403,
      body: { error: 'AccessDenied', rule: 'OtherMissionLocale' },
    })
    expect(other.body['message']).not.toContain('ml-lyon')
    expect(await api.get('/journeys/youth-1', 'statistician:s-1')).toMatchObject({
      status: 403,
      body: { rule: 'AggregatesOnly', actor: 'statistician:s-1' },
    })
    expect(await api.get('/dashboard', 'counsellor:c-9@ml-lille')).toMatchObject({
      status: 200,
      body: { missionLocaleId: 'ml-lille', totals: { firstReceptions: 0 } },
    })
    expect(await api.get('/dashboard?missionLocale=ml-lyon', 'counsellor:c-9@ml-lille')).toMatchObject({
      status: 403,
      body: { rule: 'OtherMissionLocale' },
    })
    const managed = await api.post(
      { commandId: 'cmd-7', command: { ...followUp, on: '2026-01-21', followUpId: 'fu-2' } },
      'manager:m-1@ml-lyon',
    )
    expect(managed).toMatchObject({ status: 403, body: { rule: 'ManagerDoesNotCounsel' } })
  })

  it('409 on a stale expectedRevision, nothing written; 422 when a journey rule refuses', async () => {
    const stale = await api.post({
      commandId: 'cmd-5',
      command: { ...followUp, on: '2026-01-25', followUpId: 'fu-2' },
      expectedRevision: 1,
    })
    expect(stale).toMatchObject({
      status: 409,
      body: { error: 'WrongExpectedRevision', expectedRevision: 1, actualRevision: 3 },
    })
    const refused = await api.post({
      commandId: 'cmd-6',
      command: {
        type: 'AcceptProposal',
        youthId: 'youth-1',
        missionLocaleId: 'ml-lyon',
        on: '2026-01-26',
        proposalId: 'p-9',
      },
    })
    expect(refused).toMatchObject({ status: 422, body: { error: 'RuleRefused' } })
    expect(refused.body['message']).toContain('p-9')
    expect((await api.get('/journeys/youth-1')).body['revision']).toBe(3)
  })

  it('404 for a route it does not serve; no log line holds a personal value', async () => {
    expect(await api.get('/journeys')).toMatchObject({ status: 404, body: { error: 'NotFound' } })
    const all = logs.join('')
    expect(all).toContain('"msg":"command handled"')
    expect(all).not.toMatch(/Martin|Zoé|welding/)
  })
})

describe('embedding-http, when something fails inside', () => {
  it('answers 500 with a sentence that tells nothing of the failure, which goes to the log', async () => {
    const logs: string[] = []
    // A policy that throws stands for any bug or driver failure below the routes.
    const broken = {
      get counsellorScope(): 'mission-locale' {
        throw new Error('disk /srv/secret-path is gone')
      },
    }
    const service = await start({
      port: 0,
      dataFolder: folder(),
      logger: loggerInto(logs),
      policy: broken,
    })
    try {
      const answer = await client(service.url).post({ commandId: 'cmd-1', command: registration })
      expect(answer).toEqual({
        status: 500,
        body: { status: 500, error: 'InternalError', message: 'the request failed; nothing was written' },
      })
      expect(logs.join('')).toContain('secret-path')
    } finally {
      await service.close()
    }
  })
})
