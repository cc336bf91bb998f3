import type { GlobalPosition } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// model: a position in `$all` as the server gives it, commit and prepare. Every event's own
// position has prepare = commit; a filtered subscription's checkpoint may be a page start
// `(X, 0)`, which lies *before* an event at X. Positions compare on both, commit first.
// ---------------------------------------------------------------------------------------------

/** A `$all` position with both of its parts. */
export interface AllPosition {
  readonly commit: bigint
  readonly prepare: bigint
}

/** The largest uint64: KDB-710 (24.10.0-24.10.4) sends it as a checkpoint; it means nothing. */
export const UINT64_MAX = 2n ** 64n - 1n

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

/** The position of an event, or of a checkpoint naming one (prepare = commit). */
export const atEvent = (position: GlobalPosition): AllPosition => ({ commit: position, prepare: position })

/** Whether `a` lies after `b` (commit first, then prepare). */
export const isAfter = (a: AllPosition, b: AllPosition | undefined): boolean =>
  b === undefined || a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare)

/** Whether a checkpoint is a real one (KDB-710's 2^64-1 is not). */
export const isMeaningful = (p: AllPosition): boolean => p.commit !== UINT64_MAX && p.prepare !== UINT64_MAX

/**
 * The port's checkpoint for a server position: the position itself when it names a record
 * (prepare ≥ commit). A page start `(X, 0)` says everything before X was scanned, not that X was:
 * it gives nothing the port's single number could hold without overshooting, so it stays internal.
 */
export const portPosition = (p: AllPosition): GlobalPosition | undefined =>
  p.prepare >= p.commit ? p.commit : undefined
