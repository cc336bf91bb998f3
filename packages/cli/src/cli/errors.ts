// ---------------------------------------------------------------------------------------------
// model: the one error class of the CLI. Handlers throw it; `run` turns it into an exit code.
// ---------------------------------------------------------------------------------------------

/** Exit codes every script can rely on. */
export const ExitCode = {
  ok: 0,
  /** A domain rule refused the command; the message names the rule. */
  refused: 1,
  /** Bad usage or invalid input; the message names the flag and what is expected. */
  usage: 2,
  /** The store or other infrastructure failed. */
  infrastructure: 3,
} as const
/** One of the exit codes above. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** A user-facing failure: one clear line and the exit code it maps to. */
export class CliError extends Error {
  override readonly name = 'CliError'
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message)
  }
}

/** Bad usage or invalid input (exit 2). */
export const usageError = (message: string): CliError => new CliError(message, ExitCode.usage)

/** A domain rule refused the command (exit 1). */
export const refusedError = (message: string): CliError => new CliError(message, ExitCode.refused)

/** The store or other infrastructure failed (exit 3). */
export const infrastructureError = (message: string): CliError =>
  new CliError(message, ExitCode.infrastructure)
