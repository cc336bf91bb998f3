import Database from 'better-sqlite3'
import { tryCatch, type TaskEither } from 'fp-ts/lib/TaskEither.js'
import { messageOf } from '../../interop/tryDriver.js'

// ---------------------------------------------------------------------------------------------
// model: the inbox of the partner flows. For each flow (`france-travail/offers`, `lheo/formations`…)
// it keeps the fingerprint of every message recorded, keyed by the partner's own id (so a
// re-delivered message is known), the messages that failed (parked after their tries, or
// rejected as malformed) with their raw content and reason, and the counters of the flow.
// ---------------------------------------------------------------------------------------------

/** The inbox could not be read or written. */
export interface InboxFailed {
  readonly _tag: 'InboxFailed'
  readonly message: string
}

/** The counters of one flow, kept across runs. */
export interface InboxCounters {
  readonly flow: string
  /** Messages read from the partner. */
  readonly received: number
  /** New or changed, and recorded. */
  readonly recorded: number
  /** Re-delivered as they were already recorded: nothing written. */
  readonly duplicated: number
  /** Malformed: refused at the edge with their place and reason. */
  readonly rejected: number
  /** Failed every try: kept with their reason, to be retried. */
  readonly parked: number
}

/** The counts a run adds to a flow. */
export type CounterDelta = Omit<InboxCounters, 'flow'>

/** A message that could not be recorded, kept with what it was and why. */
export interface InboxFailure {
  readonly flow: string
  /** The partner's id of the message, or its place when it has no readable id. */
  readonly key: string
  /** `parked`: it failed every try; `rejected`: it is malformed. */
  readonly status: 'parked' | 'rejected'
  /** Where it came from: a page and index, a line, an element path. */
  readonly where: string
  readonly reason: string
  /** Tries so far (0 for a rejected message). */
  readonly attempts: number
  /** When it last failed (ISO). */
  readonly at: string
  /** The message as the partner sent it. */
  readonly raw: unknown
}

/** The inbox: fingerprints, failures and counters of the partner flows. */
export interface InboxStore {
  /** The fingerprint of the message recorded under `key`, if one is. */
  readonly fingerprint: (flow: string, key: string) => TaskEither<InboxFailed, string | undefined>
  /** Acknowledges a message recorded: keeps its fingerprint, clears its failure, adds the counts; one transaction. */
  readonly acknowledge: (
    flow: string,
    key: string,
    fingerprint: string,
    delta: CounterDelta,
  ) => TaskEither<InboxFailed, void>
  /** Keeps a failure (replacing the key's earlier one) and adds the counts; one transaction. */
  readonly fail: (failure: InboxFailure, delta: CounterDelta) => TaskEither<InboxFailed, void>
  /** Adds counts (a duplicate, say). */
  readonly count: (flow: string, delta: CounterDelta) => TaskEither<InboxFailed, void>
  /** Forgets the fingerprints of these keys: the next delivery of each is recorded again. */
  readonly forget: (flow: string, keys: ReadonlyArray<string>) => TaskEither<InboxFailed, void>
  /** The failures kept, of one flow or of all, by flow and key. */
  readonly failures: (flow?: string) => TaskEither<InboxFailed, ReadonlyArray<InboxFailure>>
  /** The counters, of one flow or of all, by flow. */
  readonly counters: (flow?: string) => TaskEither<InboxFailed, ReadonlyArray<InboxCounters>>
  /** Closes its database, when it has one; every write was durable before it resolved. */
  readonly close: () => void
}

/** No counts. */
export const noCounts: CounterDelta = { received: 0, recorded: 0, duplicated: 0, rejected: 0, parked: 0 }

const failed = (e: unknown): InboxFailed => ({ _tag: 'InboxFailed', message: messageOf(e) })
const task = <A>(f: () => A) => tryCatch(async () => f(), failed)
const add = (c: InboxCounters, d: CounterDelta): InboxCounters => ({
  flow: c.flow,
  received: c.received + d.received,
  recorded: c.recorded + d.recorded,
  duplicated: c.duplicated + d.duplicated,
  rejected: c.rejected + d.rejected,
  parked: c.parked + d.parked,
})
const byKey = (a: InboxFailure, b: InboxFailure) =>
  a.flow === b.flow ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.flow < b.flow ? -1 : 1

/** An inbox in memory (tests, a memory store). */
export const getInMemoryInbox = (): InboxStore => {
  const prints = new Map<string, string>()
  const failures = new Map<string, InboxFailure>()
  const counters = new Map<string, InboxCounters>()
  const k = (flow: string, key: string) => `${flow}\u0000${key}`
  const bump = (flow: string, d: CounterDelta) =>
    counters.set(flow, add(counters.get(flow) ?? { flow, ...noCounts }, d))
  return {
    fingerprint: (flow, key) => task(() => prints.get(k(flow, key))),
    acknowledge: (flow, key, fingerprint, delta) =>
      task(() => {
        prints.set(k(flow, key), fingerprint)
        failures.delete(k(flow, key))
        bump(flow, delta)
      }),
    fail: (f, delta) =>
      task(() => {
        failures.set(k(f.flow, f.key), structuredClone(f))
        bump(f.flow, delta)
      }),
    count: (flow, delta) => task(() => void bump(flow, delta)),
    forget: (flow, keys) => task(() => keys.forEach((key) => prints.delete(k(flow, key)))),
    failures: (flow) =>
      task(() => [...failures.values()].filter((f) => flow === undefined || f.flow === flow).sort(byKey)),
    counters: (flow) =>
      task(() =>
        [...counters.values()]
          .filter((c) => flow === undefined || c.flow === flow)
          .sort((a, b) => (a.flow < b.flow ? -1 : 1)),
      ),
    close: () => undefined,
  }
}

const counterColumns = ['received', 'recorded', 'duplicated', 'rejected', 'parked'] as const

/** An inbox in a SQLite file (created if missing, WAL mode). */
export const getSqliteInbox = (options: { readonly path: string }): InboxStore => {
  const db = new Database(options.path, { timeout: 5000 })
  db.pragma('journal_mode = WAL')
  db.exec(`
    CREATE TABLE IF NOT EXISTS inbox_recorded (flow TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, PRIMARY KEY (flow, key)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS inbox_failures (flow TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (flow, key)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS inbox_counters (flow TEXT PRIMARY KEY, ${counterColumns.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(', ')});
  `)
  const print = db.prepare<[string, string], { fingerprint: string }>(
    'SELECT fingerprint FROM inbox_recorded WHERE flow = ? AND key = ?',
  )
  const keep = db.prepare<[string, string, string]>(
    'INSERT INTO inbox_recorded (flow, key, fingerprint) VALUES (?, ?, ?) ON CONFLICT (flow, key) DO UPDATE SET fingerprint = excluded.fingerprint',
  )
  const unpark = db.prepare<[string, string]>('DELETE FROM inbox_failures WHERE flow = ? AND key = ?')
  const forgetOne = db.prepare<[string, string]>('DELETE FROM inbox_recorded WHERE flow = ? AND key = ?')
  const park = db.prepare<[string, string, string]>(
    'INSERT INTO inbox_failures (flow, key, doc) VALUES (?, ?, ?) ON CONFLICT (flow, key) DO UPDATE SET doc = excluded.doc',
  )
  const bump = db.prepare<[string, ...number[]]>(
    `INSERT INTO inbox_counters (flow, ${counterColumns.join(', ')}) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (flow) DO UPDATE SET ${counterColumns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
  )
  const allFailures = db.prepare<[], { doc: string }>('SELECT doc FROM inbox_failures ORDER BY flow, key')
  const allCounters = db.prepare<[], InboxCounters>(
    `SELECT flow, ${counterColumns.join(', ')} FROM inbox_counters ORDER BY flow`,
  )
  const count = (flow: string, d: CounterDelta) => bump.run(flow, ...counterColumns.map((c) => d[c]))
  const acknowledge = db.transaction((flow: string, key: string, fp: string, d: CounterDelta) => {
    keep.run(flow, key, fp)
    unpark.run(flow, key)
    count(flow, d)
  })
  const fail = db.transaction((f: InboxFailure, d: CounterDelta) => {
    park.run(f.flow, f.key, JSON.stringify(f))
    count(f.flow, d)
  })
  const forget = db.transaction((flow: string, keys: ReadonlyArray<string>) => {
    for (const key of keys) forgetOne.run(flow, key)
  })
  return {
    fingerprint: (flow, key) => task(() => print.get(flow, key)?.fingerprint),
    acknowledge: (flow, key, fp, d) => task(() => acknowledge(flow, key, fp, d)),
    fail: (f, d) => task(() => fail(f, d)),
    count: (flow, d) => task(() => void count(flow, d)),
    forget: (flow, keys) => task(() => forget(flow, keys)),
    failures: (flow) =>
      task(() =>
        allFailures
          .all()
          .map((r) => JSON.parse(r.doc) as InboxFailure)
          .filter((f) => flow === undefined || f.flow === flow),
      ),
    counters: (flow) => task(() => allCounters.all().filter((c) => flow === undefined || c.flow === flow)),
    close: () => db.close(),
  }
}
