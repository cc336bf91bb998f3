import Database from 'better-sqlite3'
import { tryCatch, type TaskEither } from 'fp-ts/lib/TaskEither.js'
import { messageOf } from '../../interop/tryDriver.js'
import type { CatalogueFailed } from '../lheo/trainingCatalogue.js'
import type { OfferRecord } from './offerCodec.js'

// ---------------------------------------------------------------------------------------------
// model: the offer catalogue — France Travail's job offers keyed by their id, kept like the
// training catalogue. Recording an offer held as it is writes nothing; a changed one replaces
// it. An offer absent from a complete sync has been withdrawn upstream: it stays, marked with
// the time it was found gone, so that proposals made from it can be followed up.
// ---------------------------------------------------------------------------------------------

/** An offer of the catalogue: the partner's, and when it was found withdrawn (null while it is open). */
export interface OfferEntry extends OfferRecord {
  readonly withdrawnAt: string | null
}

/** The offer catalogue. */
export interface OfferCatalogue {
  /** Records an offer (an offer that comes back is open again); `unchanged` when it is held as it is. */
  readonly record: (offer: OfferRecord) => TaskEither<CatalogueFailed, 'recorded' | 'unchanged'>
  /** Marks withdrawn, at `at`, every open offer not in `present` (the ids of a complete sync); returns their ids. */
  readonly withdrawAbsent: (
    present: ReadonlySet<string>,
    at: string,
  ) => TaskEither<CatalogueFailed, ReadonlyArray<string>>
  /** An offer by id. */
  readonly get: (id: string) => TaskEither<CatalogueFailed, OfferEntry | undefined>
  /** Every offer, by id. */
  readonly list: () => TaskEither<CatalogueFailed, ReadonlyArray<OfferEntry>>
  /** Closes its database, when it has one; every write was durable before it resolved. */
  readonly close: () => void
}

const failed = (e: unknown): CatalogueFailed => ({ _tag: 'CatalogueFailed', message: messageOf(e) })
const task = <A>(f: () => A) => tryCatch(async () => f(), failed)
const open = (o: OfferRecord): OfferEntry => ({ ...o, withdrawnAt: null })

/** An offer catalogue in memory (tests, a memory store). */
export const getInMemoryOfferCatalogue = (): OfferCatalogue => {
  const held = new Map<string, { readonly entry: OfferEntry; readonly json: string }>()
  return {
    record: (offer) =>
      task(() => {
        const json = JSON.stringify(open(offer))
        if (held.get(offer.id)?.json === json) return 'unchanged' as const
        held.set(offer.id, { entry: open(offer), json })
        return 'recorded' as const
      }),
    withdrawAbsent: (present, at) =>
      task(() => {
        const gone = [...held.values()]
          .filter((h) => h.entry.withdrawnAt === null && !present.has(h.entry.id))
          .map((h) => h.entry.id)
          .sort()
        for (const id of gone) {
          const entry = { ...(held.get(id)?.entry as OfferEntry), withdrawnAt: at }
          held.set(id, { entry, json: JSON.stringify(entry) })
        }
        return gone
      }),
    get: (id) => task(() => held.get(id)?.entry),
    list: () =>
      task(() =>
        [...held.values()].map((h) => h.entry).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      ),
    close: () => undefined,
  }
}

/** An offer catalogue in a SQLite file (created if missing, WAL mode). */
export const getSqliteOfferCatalogue = (options: { readonly path: string }): OfferCatalogue => {
  const db = new Database(options.path, { timeout: 5000 })
  db.pragma('journal_mode = WAL')
  db.exec(
    'CREATE TABLE IF NOT EXISTS offer_catalogue (id TEXT PRIMARY KEY, doc TEXT NOT NULL, withdrawn_at TEXT) WITHOUT ROWID',
  )
  const upsert = db.prepare<[string, string]>(
    'INSERT INTO offer_catalogue (id, doc, withdrawn_at) VALUES (?, ?, NULL) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, withdrawn_at = NULL WHERE doc <> excluded.doc OR withdrawn_at IS NOT NULL',
  )
  const openIds = db.prepare<[], { id: string }>(
    'SELECT id FROM offer_catalogue WHERE withdrawn_at IS NULL ORDER BY id',
  )
  const withdraw = db.prepare<[string, string]>('UPDATE offer_catalogue SET withdrawn_at = ? WHERE id = ?')
  const one = db.prepare<[string], { doc: string; withdrawn_at: string | null }>(
    'SELECT doc, withdrawn_at FROM offer_catalogue WHERE id = ?',
  )
  const all = db.prepare<[], { doc: string; withdrawn_at: string | null }>(
    'SELECT doc, withdrawn_at FROM offer_catalogue ORDER BY id',
  )
  const entryOf = (r: { doc: string; withdrawn_at: string | null }): OfferEntry => ({
    ...(JSON.parse(r.doc) as OfferRecord),
    withdrawnAt: r.withdrawn_at,
  })
  const withdrawAll = db.transaction((present: ReadonlySet<string>, at: string) => {
    const gone = openIds
      .all()
      .map((r) => r.id)
      .filter((id) => !present.has(id))
    for (const id of gone) withdraw.run(at, id)
    return gone
  })
  return {
    record: (offer) =>
      task(() => (upsert.run(offer.id, JSON.stringify(offer)).changes > 0 ? 'recorded' : 'unchanged')),
    withdrawAbsent: (present, at) => task(() => withdrawAll(present, at)),
    get: (id) =>
      task(() => {
        const row = one.get(id)
        return row === undefined ? undefined : entryOf(row)
      }),
    list: () => task(() => all.all().map(entryOf)),
    close: () => db.close(),
  }
}
