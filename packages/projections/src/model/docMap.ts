// ---------------------------------------------------------------------------------------------
// model: an immutable map of keyed documents with structural sharing. Setting a key copies one
// small bucket, not the whole map, so a fold stays pure and fast; `changedKeys` finds what a batch
// changed by comparing bucket identities, which is what a sink saves.
// ---------------------------------------------------------------------------------------------

const WIDTH = 64

type Leaf<D> = ReadonlyMap<string, D>
type Mid<D> = ReadonlyArray<Leaf<D> | undefined>

/** An immutable map from document key to document. Build it with `emptyDocMap` and `setDoc`. */
export interface DocMap<D> {
  readonly size: number
  readonly top: ReadonlyArray<Mid<D> | undefined>
}

const hash = (key: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return h >>> 0
}

const slots = (key: string): readonly [number, number] => {
  const h = hash(key)
  return [h % WIDTH, Math.floor(h / WIDTH) % WIDTH]
}

const EMPTY_ROW: ReadonlyArray<undefined> = new Array<undefined>(WIDTH).fill(undefined)
const EMPTY: DocMap<never> = { size: 0, top: EMPTY_ROW }

/** The empty document map. */
export const emptyDocMap = <D>(): DocMap<D> => EMPTY

/** The document at `key`, if any. */
export const getDoc = <D>(map: DocMap<D>, key: string): D | undefined => {
  const h = hash(key)
  return map.top[h % WIDTH]?.[Math.floor(h / WIDTH) % WIDTH]?.get(key)
}

const withSlot = <T>(array: ReadonlyArray<T>, index: number, value: T): ReadonlyArray<T> => {
  const copy = array.slice()
  copy[index] = value
  return copy
}

/** A map with `key` set to `doc`, or removed when `doc` is undefined. Unchanged input is returned as is. */
export const setDoc = <D>(map: DocMap<D>, key: string, doc: D | undefined): DocMap<D> => {
  const [i, j] = slots(key)
  const mid: Mid<D> = map.top[i] ?? EMPTY_ROW
  const leaf = mid[j]
  const had = leaf?.has(key) ?? false
  if (doc === undefined && !had) return map
  if (doc !== undefined && leaf?.get(key) === doc) return map
  const nextLeaf = new Map(leaf)
  if (doc === undefined) nextLeaf.delete(key)
  else nextLeaf.set(key, doc)
  const size = map.size + (doc === undefined ? -1 : had ? 0 : 1)
  return { size, top: withSlot(map.top, i, withSlot(mid, j, nextLeaf.size === 0 ? undefined : nextLeaf)) }
}

/**
 * A map with every entry set (or removed, for undefined), as `setDoc` one after the other would
 * make it; each bucket the entries touch is copied once, not once per entry.
 */
export const setDocs = <D>(map: DocMap<D>, entries: Iterable<readonly [string, D | undefined]>): DocMap<D> =>
  setEach(map, (set) => {
    for (const [key, doc] of entries) set(key, doc)
  })

/**
 * `setDocs` from a Map of changes, where `removed` stands for a removal (what a batch's draft
 * holds), without building an entry per change.
 */
export const setDocsFrom = <D, R>(
  map: DocMap<D>,
  changes: ReadonlyMap<string, D | R>,
  removed: R,
): DocMap<D> =>
  setEach(map, (set) => changes.forEach((doc, key) => set(key, doc === removed ? undefined : (doc as D))))

const setEach = <D>(
  map: DocMap<D>,
  each: (set: (key: string, doc: D | undefined) => void) => void,
): DocMap<D> => {
  let top: Array<Mid<D> | undefined> | undefined
  const ownMids = new Set<Mid<D>>()
  const ownLeaves = new Set<Leaf<D>>()
  let size = map.size
  each((key, doc) => {
    const h = hash(key)
    const [i, j] = [h % WIDTH, Math.floor(h / WIDTH) % WIDTH]
    const current = (top ?? map.top)[i]?.[j]
    const had = current?.has(key) ?? false
    if (doc === undefined ? !had : current?.get(key) === doc) return
    top ??= map.top.slice()
    let mid = top[i] ?? EMPTY_ROW
    if (!ownMids.has(mid)) ownMids.add((mid = top[i] = mid.slice()))
    let leaf = (mid as Array<Leaf<D> | undefined>)[j]
    if (leaf === undefined || !ownLeaves.has(leaf)) {
      leaf = new Map(leaf)
      ownLeaves.add(leaf)
      ;(mid as Array<Leaf<D> | undefined>)[j] = leaf
    }
    if (doc === undefined) (leaf as Map<string, D>).delete(key)
    else (leaf as Map<string, D>).set(key, doc)
    size += doc === undefined ? -1 : had ? 0 : 1
  })
  if (top === undefined) return map
  for (const mid of ownMids)
    for (let j = 0; j < WIDTH; j++) if (mid[j]?.size === 0) (mid as Array<Leaf<D> | undefined>)[j] = undefined
  return { size, top }
}

/** Every entry, in no particular order. */
export function* docEntries<D>(map: DocMap<D>): Generator<readonly [string, D]> {
  for (const mid of map.top) {
    if (mid === undefined) continue
    for (const leaf of mid) if (leaf !== undefined) yield* leaf
  }
}

/** Builds a map from entries. */
export const docMapOf = <D>(entries: Iterable<readonly [string, D]>): DocMap<D> =>
  setDocs(emptyDocMap<D>(), entries)

const keysOf = <D>(leaf: Leaf<D> | undefined): Iterable<string> => leaf?.keys() ?? []

/** The keys whose document differs (by identity) between two versions of a map: set, changed or removed. */
export const changedKeys = <D>(before: DocMap<D>, after: DocMap<D>): ReadonlyArray<string> => {
  const changed: string[] = []
  if (before === after) return changed
  for (let i = 0; i < WIDTH; i++) {
    const [midA, midB] = [before.top[i], after.top[i]]
    if (midA === midB) continue
    for (let j = 0; j < WIDTH; j++) {
      const [leafA, leafB] = [midA?.[j], midB?.[j]]
      if (leafA === leafB) continue
      const keys = new Set([...keysOf(leafA), ...keysOf(leafB)])
      for (const key of keys) if (leafA?.get(key) !== leafB?.get(key)) changed.push(key)
    }
  }
  return changed
}
