import { tryCatch } from 'fp-ts/lib/TaskEither.js'
import {
  type DeadLetter,
  matchesWhere,
  type ProjectionSink,
  sinkFailed,
  whereFields,
} from './projectionSink.js'

// ---------------------------------------------------------------------------------------------
// An in-memory sink. Read-model documents are immutable values (a fold never changes one, it
// makes a new one), so the sink keeps them as they are; what a runner loads back is exactly what
// was committed, and a test that "crashes" a runner and starts another sees nothing else.
// ---------------------------------------------------------------------------------------------

interface Scope {
  checkpoint: bigint | undefined
  versions: Record<string, number>
  documents: Map<string, Map<string, object>>
  deadLetters: Map<bigint, DeadLetter>
}

const newScope = (): Scope => ({
  checkpoint: undefined,
  versions: {},
  documents: new Map(),
  deadLetters: new Map(),
})

/** A projection sink held in memory (tests, demos, embedding). */
export const getInMemoryProjectionSink = (): ProjectionSink => {
  const scopes = new Map<string, Scope>()
  const scopeOf = (name: string): Scope => {
    let s = scopes.get(name)
    if (s === undefined) scopes.set(name, (s = newScope()))
    return s
  }
  const run = <A>(f: () => A) => tryCatch(async () => f(), sinkFailed)
  return {
    load: (scope, options) =>
      run(() => {
        const s = scopeOf(scope)
        const documents =
          options?.documents === false
            ? {}
            : Object.fromEntries([...s.documents].map(([p, docs]) => [p, [...docs]]))
        return { checkpoint: s.checkpoint, versions: { ...s.versions }, documents }
      }),
    reset: (scope, versions) =>
      run(() => void scopes.set(scope, { ...newScope(), versions: { ...versions } })),
    commit: (batch) =>
      run(() => {
        if (batch.reset !== undefined)
          scopes.set(batch.scope, { ...newScope(), versions: { ...batch.reset } })
        const s = scopeOf(batch.scope)
        for (const c of batch.changes) {
          let docs = s.documents.get(c.projection)
          if (docs === undefined) s.documents.set(c.projection, (docs = new Map()))
          if (c.doc === undefined) docs.delete(c.key)
          else docs.set(c.key, c.doc)
        }
        for (const d of batch.deadLetters) s.deadLetters.set(d.position, d)
        if (batch.versions !== undefined) s.versions = { ...batch.versions }
        if (batch.checkpoint !== undefined) s.checkpoint = batch.checkpoint
      }),
    documents: (projection, options) =>
      run(() => {
        const held = [...scopes].filter(([, s]) => s.documents.has(projection))
        const all = held.map(([scope, s]) => ({ scope, docs: [...(s.documents.get(projection) ?? [])] }))
        if (options?.where === undefined) return all
        const fields = whereFields(options.where)
        const keys = new Set(
          all.flatMap(({ docs }) => docs.filter(([, doc]) => matchesWhere(doc, fields)).map(([key]) => key)),
        )
        return all
          .map(({ scope, docs }) => ({ scope, docs: docs.filter(([key]) => keys.has(key)) }))
          .filter(({ docs }) => docs.length > 0)
      }),
    document: (projection, key) =>
      run(() =>
        [...scopes].flatMap(([scope, s]) => {
          const doc = s.documents.get(projection)?.get(key)
          return doc === undefined ? [] : [{ scope, doc }]
        }),
      ),
    deadLetters: (scope) =>
      run(() =>
        [...scopes]
          .filter(([name]) => scope === undefined || name === scope)
          .flatMap(([name, s]) => [...s.deadLetters.values()].map((d) => ({ ...d, scope: name }))),
      ),
    peek: (scope, projection, key) => scopes.get(scope)?.documents.get(projection)?.get(key),
    close: async () => {},
  }
}
