import { ExitCode } from './errors.js'
import type { CliIo } from './io.js'
import { escapeUnsafe } from './safeText.js'

// ---------------------------------------------------------------------------------------------
// utils: how a failure reaches stderr — one line, or under --json one JSON object
// ---------------------------------------------------------------------------------------------

/** The name of each non-zero exit code in a JSON error. */
export const errorCodeNames = {
  [ExitCode.refused]: 'refused',
  [ExitCode.usage]: 'usage',
  [ExitCode.infrastructure]: 'infrastructure',
} as const

/** A failure as `--json` prints it on stderr. */
export interface JsonError {
  readonly error: {
    readonly code: (typeof errorCodeNames)[keyof typeof errorCodeNames]
    readonly exitCode: number
    readonly message: string
  }
}

/**
 * Writes a failure on stderr: `parcours: MESSAGE`, or `{"error": {"code", "exitCode", "message"}}`
 * on one line when the run asked for `--json`. Control, bidirectional and zero-width characters in
 * the message are written escaped (`\u202E`).
 */
export const writeError = (io: CliIo, exitCode: number, message: string): void => {
  const text = escapeUnsafe(message)
  if (io.jsonErrors !== true) return void io.stderr.write(`parcours: ${text}\n`)
  const code = errorCodeNames[exitCode as keyof typeof errorCodeNames] ?? 'infrastructure'
  const error: JsonError = { error: { code, exitCode, message: text } }
  io.stderr.write(`${JSON.stringify(error)}\n`)
}
