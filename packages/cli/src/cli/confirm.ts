import { refusedError, usageError } from './errors.js'
import type { CliIo } from './io.js'

// ---------------------------------------------------------------------------------------------
// utils: a destructive command goes ahead only when someone said so
// ---------------------------------------------------------------------------------------------

/** What a destructive command asks, and the answer that confirms it. */
export interface Confirmation {
  /** What would be done, as one sentence (`Erase the personal data of y-1 (ml-a)`). */
  readonly what: string
  /** The answer to type (the young person's id, `yes`). */
  readonly answer: string
  /** Off a terminal without --yes: refuse (erase) or go ahead (a scheduled run such as retention). */
  readonly offTerminal: 'refuse' | 'proceed'
}

/**
 * Goes ahead with `--yes`; on a terminal, asks and goes ahead only on the expected answer (else
 * exit 1, nothing done); off a terminal without `--yes`, refuses with a usage error (exit 2) unless
 * the command is meant to run unattended.
 */
export const confirmOrRefuse = async (io: CliIo, yes: boolean, c: Confirmation): Promise<void> => {
  if (yes) return
  if (io.stdin?.isTTY !== true) {
    if (c.offTerminal === 'proceed') return
    throw usageError(
      `${c.what}: it cannot be undone, so it asks first on a terminal; pass --yes to confirm without being asked (scripts), or --dry-run to see what it would do. Nothing was done.`,
    )
  }
  const typed = await io.stdin.ask(`${c.what}? It cannot be undone. Type ${c.answer} to confirm: `)
  if (typed.trim() !== c.answer)
    throw refusedError(`not confirmed (${c.answer} was not typed): nothing was done.`)
}
