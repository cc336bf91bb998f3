import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import bcrypt from 'bcryptjs'
import { isLeft } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { PathReporter } from 'io-ts/lib/PathReporter.js'
import { Actor } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// model: the local accounts of the web module — a JSON file beside the store, each password
// kept as a bcrypt hash (cost 12), never in clear
// ---------------------------------------------------------------------------------------------

/** The roles a local account can hold (a partner authenticates with its token, an operator uses the CLI). */
export const accountRoles = ['counsellor', 'manager', 'statistician'] as const
/** One of `accountRoles`. */
export type AccountRole = (typeof accountRoles)[number]

/** One local account: the login, the actor it acts as, the password's bcrypt hash. */
const AccountCodec: t.Type<Account> = t.type(
  {
    login: t.string,
    role: t.keyof({ counsellor: null, manager: null, statistician: null }),
    actorId: t.string,
    missionLocaleId: t.union([t.string, t.null]),
    passwordHash: t.string,
  },
  'Account',
)
/** One local account. */
export interface Account {
  readonly login: string
  readonly role: AccountRole
  readonly actorId: string
  readonly missionLocaleId: string | null
  readonly passwordHash: string
}

const AccountsFile = t.type({ accounts: t.readonlyArray(AccountCodec) }, 'AccountsFile')

/** The bcrypt cost: 2^12 rounds, about a quarter of a second per check on a small machine. */
export const BCRYPT_COST = 12

/** The shortest password an account accepts. */
export const MIN_PASSWORD_LENGTH = 12

/** The actor an account acts as; undefined when its ids are not an actor's (1 to 100 characters, no spaces, `@` or `:`). */
export const actorOfAccount = (
  a: Pick<Account, 'role' | 'actorId' | 'missionLocaleId'>,
): Actor | undefined => {
  const decoded = Actor.decode(
    a.role === 'statistician'
      ? { kind: a.role, id: a.actorId }
      : { kind: a.role, id: a.actorId, missionLocaleId: a.missionLocaleId },
  )
  return isLeft(decoded) ? undefined : decoded.right
}

/** The accounts file: read, add, remove, check a password. */
export interface Accounts {
  readonly path: string
  readonly list: () => ReadonlyArray<Account>
  /** Adds (or replaces, with `replace`) an account; the password is hashed here. */
  readonly add: (
    a: Omit<Account, 'passwordHash'>,
    password: string,
    options?: { readonly replace?: boolean },
  ) => Promise<Account>
  readonly remove: (login: string) => boolean
  /** The account when the login exists and the password matches it; undefined otherwise. */
  readonly verify: (login: string, password: string) => Promise<Account | undefined>
}

/** Why an account file or an account was refused. */
export class AccountsError extends Error {
  override readonly name = 'AccountsError'
}

// A hash to compare against when the login is unknown: the answer takes as long either way.
const UNKNOWN_LOGIN_HASH = bcrypt.hashSync('parcours: no such login', BCRYPT_COST)

/** The accounts kept in `path` (created on the first `add`); `cost` is bcrypt's (tests lower it). */
export const fileAccounts = (path: string, cost: number = BCRYPT_COST): Accounts => {
  const read = (): ReadonlyArray<Account> => {
    if (!existsSync(path)) return []
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'))
    } catch (e) {
      throw new AccountsError(`accounts file ${path} cannot be read: ${(e as Error).message}`)
    }
    const decoded = AccountsFile.decode(raw)
    if (isLeft(decoded))
      throw new AccountsError(`accounts file ${path}: ${PathReporter.report(decoded).join('; ')}`)
    return decoded.right.accounts
  }
  // Written whole to a temporary file, then renamed over: a crash leaves the old file or the new one.
  const write = (accounts: ReadonlyArray<Account>) => {
    const tmp = `${path}.tmp`
    writeFileSync(tmp, `${JSON.stringify({ accounts }, null, 2)}\n`, { mode: 0o600 })
    renameSync(tmp, path)
  }
  return {
    path,
    list: read,
    add: async (a, password, options = {}) => {
      if (password.length < MIN_PASSWORD_LENGTH)
        throw new AccountsError(`a password has ${MIN_PASSWORD_LENGTH} characters at least`)
      if ((a.role === 'statistician') !== (a.missionLocaleId === null))
        throw new AccountsError(
          a.role === 'statistician'
            ? 'a statistician belongs to no mission locale'
            : `a ${a.role} belongs to a mission locale: give --mission-locale`,
        )
      if (!/^[^\s@:]{1,100}$/.test(a.login) || actorOfAccount(a) === undefined)
        throw new AccountsError('a login and ids have 1 to 100 characters, without spaces, @ or :')
      const accounts = read()
      if (options.replace !== true && accounts.some((x) => x.login === a.login))
        throw new AccountsError(`login ${a.login} exists already (pass --replace to set it again)`)
      const account: Account = { ...a, passwordHash: await bcrypt.hash(password, cost) }
      write([...accounts.filter((x) => x.login !== a.login), account])
      return account
    },
    remove: (login) => {
      const accounts = read()
      const kept = accounts.filter((x) => x.login !== login)
      if (kept.length === accounts.length) return false
      write(kept)
      return true
    },
    verify: async (login, password) => {
      const account = read().find((x) => x.login === login)
      const ok = await bcrypt.compare(password, account?.passwordHash ?? UNKNOWN_LOGIN_HASH)
      return ok ? account : undefined
    },
  }
}
