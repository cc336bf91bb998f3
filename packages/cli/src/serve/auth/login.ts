import type { Actor } from '@parcours/domain'
import { actorOfAccount, type Accounts } from './accounts.js'
import type { FailureCounter } from './rateLimit.js'
import type { Sessions, WebSession } from './sessions.js'

// ---------------------------------------------------------------------------------------------
// a login attempt: refused without checking the password once the login or the address failed
// too often; a success opens a session and clears the login's failures
// ---------------------------------------------------------------------------------------------

/** What a login needs. */
export interface LoginDeps {
  readonly accounts: Accounts | undefined
  readonly sessions: Sessions
  /** Failures per login. */
  readonly perLogin: FailureCounter
  /** Failures per client address. */
  readonly perAddress: FailureCounter
  readonly clock: () => number
}

/** What came of a login. */
export type LoginOutcome =
  | { readonly _tag: 'LoggedIn'; readonly session: WebSession }
  | { readonly _tag: 'BadCredentials' }
  | {
      readonly _tag: 'TooManyAttempts'
      readonly per: 'login' | 'address'
      readonly retryAfterSeconds: number
    }
  /** No local accounts here (identities come from the proxy). */
  | { readonly _tag: 'NoAccounts' }

/** Checks a login and password from `address`. */
export const attemptLogin = async (
  d: LoginDeps,
  login: string,
  password: string,
  address: string,
): Promise<LoginOutcome> => {
  if (d.accounts === undefined) return { _tag: 'NoAccounts' }
  const now = d.clock()
  const loginKey = login.toLowerCase()
  const byLogin = d.perLogin.blockedFor(loginKey, now)
  if (byLogin > 0) return { _tag: 'TooManyAttempts', per: 'login', retryAfterSeconds: byLogin }
  const byAddress = d.perAddress.blockedFor(address, now)
  if (byAddress > 0) return { _tag: 'TooManyAttempts', per: 'address', retryAfterSeconds: byAddress }
  const account = await d.accounts.verify(login, password)
  const actor: Actor | undefined = account === undefined ? undefined : actorOfAccount(account)
  if (account === undefined || actor === undefined) {
    d.perLogin.fail(loginKey, now)
    d.perAddress.fail(address, now)
    return { _tag: 'BadCredentials' }
  }
  d.perLogin.clear(loginKey)
  return { _tag: 'LoggedIn', session: d.sessions.open(actor, account.login, d.clock()) }
}

/** A refused login as one sentence (the same for an unknown login and a wrong password). */
export const describeLoginRefusal = (o: Exclude<LoginOutcome, { _tag: 'LoggedIn' }>): string => {
  switch (o._tag) {
    case 'BadCredentials':
      return 'login or password wrong'
    case 'NoAccounts':
      return 'there are no local accounts here: sign in through the organisation’s portal'
    case 'TooManyAttempts':
      return `too many failed logins ${o.per === 'login' ? 'for this login' : 'from this address'}: try again in ${o.retryAfterSeconds} s`
  }
}
