import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Logger } from 'pino'
import { CliError, ExitCode } from '../../cli/errors.js'
import { problem, ProblemError } from './problem.js'

// ---------------------------------------------------------------------------------------------
// what a thrown error answers: the library layer throws the CLI's errors (exit codes), and each
// exit code has its HTTP status; anything else is a 500 that says nothing of its insides
// ---------------------------------------------------------------------------------------------

/** Answers a thrown error with a problem. */
export const answerError = (logger: Logger) => (e: Error, c: Context) => {
  if (e instanceof ProblemError) return problem(c, e.problem)
  if (e instanceof HTTPException) return e.getResponse()
  if (e instanceof CliError) {
    switch (e.exitCode) {
      case ExitCode.usage:
        return problem(c, { status: 404, error: 'NotFound', message: e.message })
      case ExitCode.refused:
        return problem(c, { status: 403, error: 'AccessDenied', message: e.message })
      default:
        logger.error({ err: e }, 'request failed')
        return problem(c, { status: 503, error: 'Unavailable', message: e.message })
    }
  }
  logger.error({ err: e }, 'request failed')
  return problem(c, {
    status: 500,
    error: 'InternalError',
    message: 'the request failed; nothing was written',
  })
}
