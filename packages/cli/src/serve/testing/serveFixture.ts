import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createOutreachCommandHandler,
  createParcoursLogger,
  getInMemoryEventStore,
  getInMemoryOfferCatalogue,
  getInMemoryTrainingCatalogue,
  outreachCaseIdOf,
  outreachVaultSubject,
  type OfferRecord,
} from '@parcours/adapters'
import {
  defaultAccessPolicy,
  outreachEventCodec,
  type Actor,
  type EventStore,
  type JourneyEvent,
  type LocalDate,
  type MissionLocaleId,
  type OutreachCaseId,
} from '@parcours/domain'
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

/** The open outreach case of each mission locale (a row of a dropout list of 6 January 2025). */
export const CASES: Readonly<Record<'ml-a' | 'ml-b', OutreachCaseId>> = {
  'ml-a': outreachCaseIdOf('list-2025-01', 'row-1'),
  'ml-b': outreachCaseIdOf('list-2025-01', 'row-2'),
}

/** The name each outreach case's identity holds (never to be found in a pseudonymous answer). */
export const CASE_NAME = 'Zéphyrine'

const offer = (id: string, title: string): OfferRecord => ({
  id,
  title,
  description: '',
  createdAt: '2025-01-02T09:00:00.000Z',
  contractType: 'CDD',
  workingTime: null,
  place: '75 - Paris',
  postalCode: '75011',
  commune: '75111',
  romeCode: null,
  employer: null,
  apprenticeship: false,
})

/** The offer catalogue: the first offer open, the second withdrawn by France Travail on 20 January 2025. */
export const OFFERS = [
  offer('201ABCD', 'Vendeur en boulangerie'),
  offer('202EFGH', 'Aide-cuisinier'),
] as const

const sealed = async (env: StoreEnv, caseId: OutreachCaseId) => {
  const s = await env.vault.seal(outreachVaultSubject(caseId), { firstName: CASE_NAME, lastName: 'Durand' })()
  if (s._tag === 'Left') throw new Error(`fixture: ${JSON.stringify(s.left)}`)
  return s.right
}

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
  const outreachStore = getInMemoryEventStore({ codec: outreachEventCodec, logger })
  const outreach = {
    store: outreachStore,
    handle: createOutreachCommandHandler({ store: outreachStore, logger }),
  }
  const offers = getInMemoryOfferCatalogue()
  for (const o of OFFERS) await offers.record(o)()
  await offers.withdrawAbsent(new Set([OFFERS[0].id]), '2025-01-20T08:00:00.000Z')()
  const handles = serveHandles({
    env,
    sink,
    catalogue: getInMemoryTrainingCatalogue(),
    offers,
    outreach,
    policy: defaultAccessPolicy,
  })
  for (const [missionLocaleId, caseId] of Object.entries(CASES)) {
    const opened = await outreach.handle({
      commandId: `open-${caseId}`,
      command: {
        type: 'OpenOutreachCase',
        caseId,
        missionLocaleId: missionLocaleId as MissionLocaleId,
        listId: 'list-2025-01',
        on: '2025-01-06' as LocalDate,
        identity: await sealed(env, caseId),
      },
    })()
    if (opened._tag === 'Left') throw new Error(`fixture: ${JSON.stringify(opened.left)}`)
  }
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
