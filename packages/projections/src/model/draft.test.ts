import { describe, expect, it } from 'vitest'
import { docEntries, docMapOf, getDoc } from './docMap.js'
import { copyJson, inBatch } from './draft.js'

describe('inBatch', () => {
  it('edits copies of the stored documents and reports what it set or removed', () => {
    const stored = { n: 1, tags: ['a'], nested: { k: 1 } }
    const base = docMapOf<object>([
      ['a', stored],
      ['b', { n: 2 }],
    ])
    const r = inBatch<{ n: number; tags?: string[]; nested?: { k: number } }>(base as never, (draft) => {
      const a = draft.edit('a')
      if (a === undefined) throw new Error('a is stored')
      a.n++
      a.tags?.push('b')
      if (a.nested !== undefined) a.nested.k = 2
      expect(draft.edit('a')).toBe(a)
      draft.put('c', { n: 3 })
      draft.remove('b')
      expect(draft.get('b')).toBeUndefined()
      expect(draft.edit('missing')).toBeUndefined()
    })
    expect(stored).toEqual({ n: 1, tags: ['a'], nested: { k: 1 } })
    expect(getDoc(base, 'b')).toEqual({ n: 2 })
    expect(Object.fromEntries(docEntries(r.readModel))).toEqual({
      a: { n: 2, tags: ['a', 'b'], nested: { k: 2 } },
      c: { n: 3 },
    })
    expect([...r.changed].sort()).toEqual(['a', 'b', 'c'])
  })

  it('gives back the same map when the batch touched nothing', () => {
    const base = docMapOf([['a', { n: 1 }]])
    expect(inBatch(base, (draft) => draft.get('a')).readModel).toBe(base)
  })

  it('copies JSON values deeply', () => {
    const v = { a: [1, { b: 2 }], c: null, d: 'x' }
    const c = copyJson(v)
    expect(c).toEqual(v)
    expect(c.a).not.toBe(v.a)
    expect(c.a[1]).not.toBe(v.a[1])
  })
})
