import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

// ---------------------------------------------------------------------------------------------
// the one shape of every error answer of the API: a status, a stable error name, one sentence
// ---------------------------------------------------------------------------------------------

/** An error answer's body: `error` is stable (a rule, a field), `message` is for a person. */
export interface Problem {
  readonly status: number
  readonly error: string
  readonly message: string
  /** The first wrong field (400). */
  readonly field?: string
  /** The rule that refused (403, 422). */
  readonly rule?: string
  /** The actor refused (403). */
  readonly actor?: string
  /** Seconds to wait before trying again (409, 429). */
  readonly retryAfterSeconds?: number
}

/** Answers with a problem; a `retryAfterSeconds` also goes in the Retry-After header. */
export const problem = (c: Context, p: Problem) => {
  if (p.retryAfterSeconds !== undefined) c.header('Retry-After', String(p.retryAfterSeconds))
  return c.json(p, p.status as ContentfulStatusCode)
}

/** A problem thrown by a handler; the app's error handler answers it as it is. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError'
  constructor(readonly problem: Problem) {
    super(problem.message)
  }
}

/** The 400 of a wrong input, naming the field. */
export const invalidInput = (field: string, message: string): ProblemError =>
  new ProblemError({ status: 400, error: 'InvalidInput', field, message })
