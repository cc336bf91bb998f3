import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  changedKeys,
  docEntries,
  docMapOf,
  emptyDocMap,
  getDoc,
  setDoc,
  setDocs,
  setDocsFrom,
} from './docMap.js'

const ops = fc.array(fc.tuple(fc.string({ maxLength: 4 }), fc.option(fc.integer(), { nil: undefined })), {
  maxLength: 200,
})

describe('DocMap', () => {
  it('behaves like a Map, and never changes a version once made', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const reference = new Map<string, { v: number }>()
        let map = emptyDocMap<{ v: number }>()
        const versions: Array<[typeof map, string]> = []
        for (const [key, value] of list) {
          versions.push([map, JSON.stringify([...docEntries(map)].sort())])
          const doc = value === undefined ? undefined : { v: value }
          map = setDoc(map, key, doc)
          if (doc === undefined) reference.delete(key)
          else reference.set(key, doc)
        }
        expect(map.size).toBe(reference.size)
        for (const [k, v] of reference) expect(getDoc(map, k)).toBe(v)
        expect(new Map(docEntries(map))).toEqual(reference)
        for (const [old, snapshot] of versions)
          expect(JSON.stringify([...docEntries(old)].sort())).toBe(snapshot)
      }),
      { numRuns: 100 },
    )
  })

  it('reports exactly the keys set, changed or removed between two versions', () => {
    fc.assert(
      fc.property(ops, ops, (first, second) => {
        const apply = (m: ReturnType<typeof emptyDocMap<{ v: number }>>, list: typeof first) =>
          list.reduce((acc, [k, v]) => setDoc(acc, k, v === undefined ? undefined : { v }), m)
        const before = apply(emptyDocMap(), first)
        const after = apply(before, second)
        const expected = new Set(
          [...new Set([...docEntries(before), ...docEntries(after)].map(([k]) => k))].filter(
            (k) => getDoc(before, k) !== getDoc(after, k),
          ),
        )
        expect(new Set(changedKeys(before, after))).toEqual(expected)
      }),
      { numRuns: 100 },
    )
  })

  it('sets many entries at once as one after the other, leaving the map it starts from as it was', () => {
    fc.assert(
      fc.property(ops, ops, (first, second) => {
        const doc = (v: number | undefined) => (v === undefined ? undefined : { v })
        const before = first.reduce((m, [k, v]) => setDoc(m, k, doc(v)), emptyDocMap<{ v: number }>())
        const snapshot = JSON.stringify([...docEntries(before)].sort())
        const entries = second.map(([k, v]) => [k, doc(v)] as const)
        const bulk = setDocs(before, entries)
        const oneByOne = entries.reduce((m, [k, d]) => setDoc(m, k, d), before)
        expect(bulk.size).toBe(oneByOne.size)
        expect(new Map(docEntries(bulk))).toEqual(new Map(docEntries(oneByOne)))
        expect(JSON.stringify([...docEntries(before)].sort())).toBe(snapshot)
        // From a Map of changes (the last change of a key wins), a marker standing for a removal.
        const REMOVED = Symbol('removed')
        const changes = new Map<string, { v: number } | typeof REMOVED>(
          entries.map(([k, d]) => [k, d ?? REMOVED]),
        )
        const fromMap = setDocsFrom(before, changes, REMOVED)
        expect(fromMap.size).toBe(oneByOne.size)
        expect(new Map(docEntries(fromMap))).toEqual(new Map(docEntries(oneByOne)))
        expect(JSON.stringify([...docEntries(before)].sort())).toBe(snapshot)
      }),
      { numRuns: 100 },
    )
  })

  it('returns the same map when nothing changes', () => {
    const doc = { v: 1 }
    const map = docMapOf([['a', doc]])
    expect(setDoc(map, 'a', doc)).toBe(map)
    expect(setDoc(map, 'missing', undefined)).toBe(map)
  })
})
