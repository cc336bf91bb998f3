import type { TaskEither } from 'fp-ts/lib/TaskEither.js'

// ---------------------------------------------------------------------------------------------
// model: where a runner keeps its read models, checkpoint and dead letters. Everything is kept
// under a scope (the runner's name) so workers side by side never share a checkpoint.
// ---------------------------------------------------------------------------------------------

/** A document written (`doc` set) or removed (`doc` undefined) by a batch. */
export interface DocChange {
  readonly projection: string
  readonly key: string
  readonly doc: object | undefined
}

/** An event a runner could not decode, parked instead of stopping the run. */
export interface DeadLetter {
  readonly streamName: string
  readonly revision: bigint
  readonly position: bigint
  readonly eventType: string
  readonly reason: string
  readonly paths: ReadonlyArray<string>
}

/** What one batch persists, all or nothing. */
export interface BatchCommit {
  readonly scope: string
  /**
   * The global position of the last event the batch covers (subscriptions resume strictly after
   * it). Left out by a stream-ordered rebuild's intermediate batches, whose documents are final
   * but whose scope has no checkpoint until the last batch: the checkpoint stays as it was.
   */
  readonly checkpoint?: bigint
  /**
   * When set, these projection versions are recorded, the documents kept (the last batch of a
   * stream-ordered rebuild, which marked its scope incomplete while it wrote).
   */
  readonly versions?: Readonly<Record<string, number>>
  readonly changes: ReadonlyArray<DocChange>
  readonly deadLetters: ReadonlyArray<DeadLetter>
  /**
   * When set, the scope is reset first (documents, checkpoint and dead letters forgotten, these
   * projection versions recorded), in the same transaction: a rebuild replaces the old read
   * models only once it has succeeded.
   */
  readonly reset?: Readonly<Record<string, number>>
}

/** What a sink holds for one scope. */
export interface ScopeState {
  readonly checkpoint: bigint | undefined
  /** Stored projection versions, by projection name. */
  readonly versions: Readonly<Record<string, number>>
  /** Documents by projection name, as `[key, doc]` pairs. */
  readonly documents: Readonly<Record<string, ReadonlyArray<readonly [string, object]>>>
}

/** Which of a projection's documents `documents` reads. */
export interface DocumentsOptions {
  /** Top-level fields and the string each must equal (names of letters, digits and `_`). */
  readonly where?: Readonly<Record<string, string>>
}

/** What `load` reads of a scope. */
export interface LoadOptions {
  /** Its documents too (default true). */
  readonly documents?: boolean
}

/** The sink failed (disk, lock, corrupt row): nothing of the batch is known to be written. */
export interface SinkFailed {
  readonly _tag: 'SinkFailed'
  readonly message: string
  readonly cause?: unknown
}

/**
 * Persistence for projection runners. Calls return a TaskEither: `const r = await sink.commit(b)()`.
 * `commit` is atomic: documents and checkpoint are written together or not at all.
 */
export interface ProjectionSink {
  /**
   * A scope's committed documents and checkpoint, and the versions of its projections. With
   * `{ documents: false }` (a runner that pages its read models out) the documents are left in
   * the sink and `documents` comes back empty.
   */
  readonly load: (scope: string, options?: LoadOptions) => TaskEither<SinkFailed, ScopeState>
  /** Forgets the scope's documents, checkpoint and dead letters, and records the projections' versions. */
  readonly reset: (scope: string, versions: Readonly<Record<string, number>>) => TaskEither<SinkFailed, void>
  /** Writes a batch's documents, dead letters and checkpoint together, or nothing. */
  readonly commit: (batch: BatchCommit) => TaskEither<SinkFailed, void>
  /**
   * A projection's documents in every scope (workers may share a projection over disjoint
   * partitions), in scope order. With `where`, only the keys where some scope's document has
   * these top-level string fields (every scope's document of those keys): a narrowing a sink may
   * skip, since the queries that pass it check each document themselves.
   */
  readonly documents: (
    projection: string,
    options?: DocumentsOptions,
  ) => TaskEither<
    SinkFailed,
    ReadonlyArray<{ readonly scope: string; readonly docs: ReadonlyArray<readonly [string, object]> }>
  >
  /**
   * One document of a projection, as each scope holds it (in the order `documents` gives the
   * scopes; none when no scope has it): what a query about one young person reads, instead of
   * the whole read model. A sink without it is read through `documents`.
   */
  readonly document?: (
    projection: string,
    key: string,
  ) => TaskEither<SinkFailed, ReadonlyArray<{ readonly scope: string; readonly doc: object }>>
  /** The events set aside (they failed to decode or to apply), of one scope or of all. */
  readonly deadLetters: (
    scope?: string,
  ) => TaskEither<SinkFailed, ReadonlyArray<DeadLetter & { readonly scope: string }>>
  /**
   * One committed document of a scope, read at once (a sink whose reads are synchronous offers
   * it): what lets a runner page its read models out (`holdReadModels: false`). It throws only
   * when the sink fails, which the runner reports as SinkFailed.
   */
  readonly peek?: (scope: string, projection: string, key: string) => object | undefined
  /** Closes its database, when it has one; every write was durable before it resolved. */
  readonly close: () => Promise<void>
}

/** The fields of a `where`, checked: a name that is not a plain identifier is refused. */
export const whereFields = (
  where: Readonly<Record<string, string>>,
): ReadonlyArray<readonly [string, string]> => {
  const fields = Object.entries(where)
  for (const [name, value] of fields) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new Error(`documents where: ${JSON.stringify(name)} is not a field name (letters, digits, _)`)
    if (typeof value !== 'string')
      throw new Error(`documents where: ${name} must be compared with a string, not ${typeof value}`)
  }
  return fields
}

/** Whether a document has every field of a `where`. */
export const matchesWhere = (doc: object, fields: ReadonlyArray<readonly [string, string]>): boolean =>
  fields.every(([name, value]) => (doc as Record<string, unknown>)[name] === value)

/** A SinkFailed from anything thrown. */
export const sinkFailed = (cause: unknown): SinkFailed => ({
  _tag: 'SinkFailed',
  message: cause instanceof Error ? cause.message : String(cause),
  cause,
})
