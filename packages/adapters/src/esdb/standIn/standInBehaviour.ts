// ---------------------------------------------------------------------------------------------
// model: the server settings and the known server faults a stand-in can be switched into, so a
// test can show what the adapter does against each server version.
// ---------------------------------------------------------------------------------------------

/**
 * Wrong checkpoints real servers were released with:
 * - `KDB-744` (KurrentDB 25.0.0): at the end of a catch-up that stops on a page boundary at the log's
 *   end, the checkpoint is `(End, 0)`, End being where the next record will be written;
 * - `KDB-710` (24.10.0 to 24.10.4): on a log where nothing matches the filter, the checkpoint is
 *   `2^64-1`.
 */
export type CheckpointFault = 'KDB-744' | 'KDB-710'

/** What a stand-in's handlers read on every call; tests may change it while the stand-in runs. */
export interface StandInBehaviour {
  checkpointFault: CheckpointFault | undefined
  /** The largest append, in bytes of event data and metadata (the server's default: 1 MiB). */
  maxAppendSize: number
  /** Whether ServerFeatures lists BatchAppend (a 24.10 server does; the client then uses it). */
  batchAppend: boolean
}

/** The server's default maximum append size, 1 MiB. */
export const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024

/** The largest uint64, which KDB-710 sends as a checkpoint. */
export const UINT64_MAX = 2n ** 64n - 1n

/** Bytes an append counts against the maximum: each event's type, data and metadata. */
export const appendSize = (
  events: ReadonlyArray<{
    readonly type: string
    readonly data: Uint8Array
    readonly customMetadata: Uint8Array
  }>,
): number =>
  events.reduce(
    (sum, e) => sum + Buffer.byteLength(e.type, 'utf8') + e.data.length + e.customMetadata.length,
    0,
  )
