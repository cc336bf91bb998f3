import { type DocMap, getDoc, setDocsFrom } from './docMap.js'

// ---------------------------------------------------------------------------------------------
// model: a batch's working copy of a document map. A fold over a batch of events changes the
// documents it owns in place — each document is copied from the map the first time the batch
// edits it — and hands back a new map at the end: the map it started from never changes, so the
// fold stays pure as its caller sees it, and costs a copy per document per batch instead of one
// per event.
// ---------------------------------------------------------------------------------------------

/** A document as a batch may change it: every field writable, all the way down. */
export type Writable<T> =
  T extends ReadonlyArray<infer U>
    ? Array<Writable<U>>
    : T extends object
      ? { -readonly [K in keyof T]: Writable<T[K]> }
      : T

/** The working copy of a document map inside one batch. */
export interface Draft<D> {
  /** The document at `key` as the batch sees it, to read only. */
  readonly get: (key: string) => D | undefined
  /** The document at `key`, the batch's own to change in place, or undefined when there is none. */
  readonly edit: <T extends D = D>(key: string) => Writable<T> | undefined
  /** Sets the document at `key` (the batch owns it from now on) and returns it. */
  readonly put: <T extends D>(key: string, doc: Writable<T>) => Writable<T>
  /** Removes the document at `key`. */
  readonly remove: (key: string) => void
}

/** What a batch made: the new map and the keys of the documents it set or removed. */
export interface BatchResult<D> {
  readonly readModel: DocMap<D>
  readonly changed: ReadonlyArray<string>
}

/** A deep copy of a JSON document (objects, arrays and primitives). */
export const copyJson = <T>(value: T): Writable<T> => {
  if (typeof value !== 'object' || value === null) return value as Writable<T>
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length)
    for (let i = 0; i < value.length; i++) out[i] = copyJson(value[i])
    return out as Writable<T>
  }
  const out: Record<string, unknown> = {}
  for (const k in value) out[k] = copyJson((value as Record<string, unknown>)[k])
  return out as Writable<T>
}

const REMOVED: unique symbol = Symbol('removed')

/** Where a batch finds a document its map does not hold (a sink the read model was paged out to). */
export type DocSource<D> = (key: string) => D | undefined

/**
 * Runs `fill` on a draft of `base` and returns the map it made. `copy` makes a document of the
 * map the batch's own (a deep copy unless the projection knows which parts never change); a
 * document `base` does not hold is looked up in `source`, when given.
 */
export const inBatch = <D>(
  base: DocMap<D>,
  fill: (draft: Draft<D>) => void,
  copy: (doc: D) => Writable<D> = copyJson,
  source?: DocSource<D>,
): BatchResult<D> => {
  const own = new Map<string, Writable<D> | typeof REMOVED>()
  const stored = (key: string): D | undefined =>
    (base.size === 0 ? undefined : getDoc(base, key)) ?? source?.(key)
  const draft: Draft<D> = {
    get: (key) => {
      const mine = own.get(key)
      if (mine === undefined) return stored(key)
      return mine === REMOVED ? undefined : (mine as D)
    },
    edit: <T extends D>(key: string) => {
      const mine = own.get(key)
      if (mine !== undefined) return mine === REMOVED ? undefined : (mine as Writable<T>)
      const doc = stored(key)
      if (doc === undefined) return undefined
      const copied = copy(doc)
      own.set(key, copied)
      return copied as Writable<T>
    },
    put: (key, doc) => {
      own.set(key, doc)
      return doc
    },
    remove: (key) => {
      own.set(key, REMOVED)
    },
  }
  fill(draft)
  if (own.size === 0) return { readModel: base, changed: [] }
  return {
    readModel: setDocsFrom(base, own as Map<string, D | typeof REMOVED>, REMOVED),
    changed: [...own.keys()],
  }
}
