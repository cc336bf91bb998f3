import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import { type DocMap, docMapOf, getDoc, setDoc } from '../model/docMap.js'
import type { KeyedProjection } from '../model/projection.js'
import type { DocChange, ProjectionSink, SinkFailed } from '../sink/projectionSink.js'

// ---------------------------------------------------------------------------------------------
// utils: read models as a runner holds them, and as a reader loads them from a sink.
// ---------------------------------------------------------------------------------------------

/** A keyed projection of any document type, so that a runner holds several side by side. */
export type AnyKeyedProjection = KeyedProjection<any>

/** The read models of a runner, by projection name. */
export type ReadModels = ReadonlyMap<string, DocMap<object>>

/** Every projection at its initial read model. */
export const initialReadModels = (projections: ReadonlyArray<AnyKeyedProjection>): ReadModels =>
  new Map(projections.map((p) => [p.name, p.initial as DocMap<object>]))

/** The documents at the keys changed, by projection, as the read models hold them now, ready for a sink. */
export const changesOf = (
  rms: ReadModels,
  changed: ReadonlyMap<string, ReadonlySet<string>>,
): ReadonlyArray<DocChange> => {
  const changes: DocChange[] = []
  for (const [projection, keys] of changed) {
    const rm = rms.get(projection)
    if (rm === undefined) continue
    for (const key of keys) changes.push({ projection, key, doc: getDoc(rm, key) })
  }
  return changes
}

/** Merges the documents of every scope into one read model, with the projection's `merge` for shared keys. */
const mergeScopes = <D extends object>(
  projection: KeyedProjection<D>,
  scopes: ReadonlyArray<{ readonly docs: ReadonlyArray<readonly [string, object]> }>,
): DocMap<D> => {
  const [first, ...rest] = scopes
  let rm = docMapOf((first?.docs ?? []) as ReadonlyArray<readonly [string, D]>)
  for (const scope of rest)
    for (const [key, doc] of scope.docs as ReadonlyArray<readonly [string, D]>) {
      const existing = getDoc(rm, key)
      rm = setDoc(rm, key, existing === undefined ? doc : projection.merge(key, existing, doc))
    }
  return rm
}

/**
 * A projection's read model as persisted in a sink, merged across every worker that writes it.
 * `const r = await loadReadModel(sink, dashboardProjection)()`, then `if (isRight(r)) queryDashboard(r.right)`.
 */
export const loadReadModel =
  <D extends object>(
    sink: ProjectionSink,
    projection: KeyedProjection<D>,
  ): TaskEither<SinkFailed, DocMap<D>> =>
  async () => {
    const r = await sink.documents(projection.name)()
    return r._tag === 'Left' ? r : { _tag: 'Right', right: mergeScopes(projection, r.right) }
  }
