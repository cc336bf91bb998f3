// The one shape of every error answer, and the mapping from what Parcours returns to a status.
// The table in README.md lists the same mapping for a reader.

import { actorRef, describeAccessDenied, type AccessDenied } from '@parcours/domain'

/** An error answer: `error` is stable (for a program), `message` is one sentence for a person. */
export interface Problem {
  readonly status: 400 | 403 | 404 | 409 | 422 | 500 | 503
  readonly error: string
  readonly message: string
  /** The first wrong field (400). */
  readonly field?: string
  /** The rule that refused (403: an access rule; 422: a journey rule). */
  readonly rule?: string
  /** The actor refused (403). */
  readonly actor?: string
  /** The revision the client expected and the journey's actual one (409). */
  readonly expectedRevision?: number
  readonly actualRevision?: number
}

/** A problem thrown by a handler; the app answers it as it is. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError'
  constructor(readonly problem: Problem) {
    super(problem.message)
  }
}

/** 400: the input is wrong; `field` names the first wrong field. */
export const invalidInput = (field: string, message: string): ProblemError =>
  new ProblemError({ status: 400, error: 'InvalidInput', field, message })

/** 403: the access policy refused, naming the actor and the rule. */
export const accessDenied = (denial: AccessDenied): ProblemError =>
  new ProblemError({
    status: 403,
    error: 'AccessDenied',
    rule: denial.rule,
    actor: actorRef(denial.actor),
    message: describeAccessDenied(denial),
  })

/** 503: a store, the key store or the access log cannot be reached; nothing was written. */
export const unavailable = (): ProblemError =>
  new ProblemError({
    status: 503,
    error: 'Unavailable',
    message: 'a store of the service cannot be reached; nothing was written, try again later',
  })

/** 500: anything else; its details go to the log, never to the client. */
export const internalError: Problem = {
  status: 500,
  error: 'InternalError',
  message: 'the request failed; nothing was written',
}
