import type { Logger } from 'pino'
import { CliError, ExitCode } from '../../cli/errors.js'
import { ProblemError, type Problem } from './problem.js'

// ---------------------------------------------------------------------------------------------
// what a thrown error answers: the library layer throws the CLI's errors (exit codes), and each
// exit code has its HTTP status; anything else is a 500 that says nothing of its insides
// ---------------------------------------------------------------------------------------------

/** The problem a thrown error answers (logged when it is the server's, not the request's). */
export const problemOf = (e: Error, logger: Logger): Problem => {
  if (e instanceof ProblemError) return e.problem
  if (e instanceof CliError) {
    switch (e.exitCode) {
      case ExitCode.usage:
        return { status: 400, error: 'InvalidInput', message: e.message }
      case ExitCode.refused:
        return { status: 403, error: 'AccessDenied', message: e.message }
      default:
        logger.error({ err: e }, 'request failed')
        return { status: 503, error: 'Unavailable', message: e.message }
    }
  }
  logger.error({ err: e }, 'request failed')
  return { status: 500, error: 'InternalError', message: 'the request failed; nothing was written' }
}
