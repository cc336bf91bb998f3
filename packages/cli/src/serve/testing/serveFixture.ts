import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createParcoursLogger, getInMemoryTrainingCatalogue } from '@parcours/adapters'
import { defaultAccessPolicy, type Actor, type EventStore, type JourneyEvent } from '@parcours/domain'
import { getInMemoryProjectionSink } from '@parcours/projections'
import { openStoreEnv, type StoreEnv } from '../../store/openStore.js'
import { createServeApp, type ServeAppOptions } from '../app.js'
import { fileAccounts, type Accounts } from '../auth/accounts.js'
import { serveHandles, type ServeHandles } from '../handles.js'
import { runJourneyCommand } from '../journeyCommand.js'
import { startServer, type RunningServer } from '../server.js'

// ---------------------------------------------------------------------------------------------
// test support: the web module on a memory store with two mission locales (y-a held by ml-a,
// followed by c-1; y-b held by ml-b, followed by c-2), local accounts, on 127.0.0.1:0
// ---------------------------------------------------------------------------------------------

/** The password every fixture account has. */
export const PASSWORD = 'correct horse battery staple'

/** The fixture's accounts: login → actor. */
export const ACCOUNTS = {
  'c-1': { role: 'counsellor', missionLocaleId: 'ml-a' },
  'c-2': { role: 'counsellor', missionLocaleId: 'ml-b' },
  'm-1': { role: 'manager', missionLocaleId: 'ml-a' },
  's-1': { role: 'statistician', missionLocaleId: null },
} as const

/** The names the fixture registers (to look for in answers that must not hold them). */
export const NAMES = { 'y-a': 'Aurélie', 'y-b': 'Bastien' } as const

/** A running fixture. */
export interface ServeFixture {
  readonly url: string
  readonly app: ReturnType<typeof createServeApp>
  readonly handles: ServeHandles
  readonly accounts: Accounts
  readonly close: () => Promise<void>
}

/** Starts the web module over a fresh memory store; `store` wraps the event store (to inject faults). */
export const startServeFixture = async (
  options: Partial<Omit<ServeAppOptions, 'handles' | 'accounts'>> & {
    readonly wrapStore?: (s: EventStore<JourneyEvent>) => EventStore<JourneyEvent>
  } = {},
): Promise<ServeFixture> => {
  const dir = mkdtempSync(join(tmpdir(), 'parcours-serve-'))
  const logger = createParcoursLogger({ level: 'silent' })
  const opened = await openStoreEnv({ kind: 'memory' }, dir, logger, { createKeyStore: true })
  const env: StoreEnv = options.wrapStore === undefined ? opened : await rewrap(opened, options.wrapStore)
  const sink = getInMemoryProjectionSink()
  const handles = serveHandles({
    env,
    sink,
    catalogue: getInMemoryTrainingCatalogue(),
    policy: defaultAccessPolicy,
  })
  const accounts = fileAccounts(join(dir, 'accounts.json'), 4)
  for (const [login, a] of Object.entries(ACCOUNTS))
    await accounts.add({ login, role: a.role, actorId: login, missionLocaleId: a.missionLocaleId }, PASSWORD)
  for (const [youthId, counsellorId, missionLocaleId] of [
    ['y-a', 'c-1', 'ml-a'],
    ['y-b', 'c-2', 'ml-b'],
  ] as const) {
    const actor: Actor = { kind: 'counsellor', id: counsellorId, missionLocaleId } as Actor
    const r = await runJourneyCommand(handles, actor, youthId, {
      commandId: `seed-${youthId}`,
      command: {
        type: 'RegisterYouth',
        missionLocaleId,
        on: '2025-01-06',
        counsellorId,
        birthDate: '2005-05-10',
        rqth: false,
      },
      personal: { firstName: NAMES[youthId], lastName: 'Martin' },
    })
    if (r._tag !== 'Handled') throw new Error(`fixture: ${JSON.stringify(r)}`)
  }
  const app = createServeApp({ ...options, handles, accounts })
  const server: RunningServer = await startServer(app, '127.0.0.1', 0)
  return {
    url: server.url,
    app,
    handles,
    accounts,
    close: async () => {
      await server.close()
      await env.close()
      await sink.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

// The same env with its store wrapped, and a command handler over the wrapped store.
const rewrap = async (env: StoreEnv, wrap: (s: EventStore<JourneyEvent>) => EventStore<JourneyEvent>) => {
  const { createJourneyCommandHandler } = await import('@parcours/adapters')
  const store = wrap(env.store)
  return {
    ...env,
    store,
    handle: createJourneyCommandHandler({ store, vault: env.vault, logger: env.logger, maxRetries: 1 }),
  }
}

/** A client of the fixture: logs in and sends requests with its session cookie and CSRF token. */
export interface Client {
  readonly csrfToken: string
  readonly cookie: string
  readonly get: (path: string) => Promise<Response>
  readonly post: (path: string, body: unknown, headers?: Record<string, string>) => Promise<Response>
}

/** Logs in as a fixture login (throws when the login fails). */
export const logIn = async (url: string, login: string): Promise<Client> => {
  const r = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: PASSWORD }),
  })
  if (r.status !== 201) throw new Error(`log in as ${login}: ${r.status} ${await r.text()}`)
  const cookie = (r.headers.get('Set-Cookie') ?? '').split(';')[0] ?? ''
  const { csrfToken } = (await r.json()) as { csrfToken: string }
  return {
    csrfToken,
    cookie,
    get: (path) => fetch(`${url}${path}`, { headers: { Cookie: cookie } }),
    post: (path, body, headers = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          Cookie: cookie,
          'Content-Type': 'application/json',
          'X-CSRF-Token': csrfToken,
          ...headers,
        },
        body: JSON.stringify(body),
      }),
  }
}
