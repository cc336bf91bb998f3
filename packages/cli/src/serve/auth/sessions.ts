import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Actor } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// model: the sessions of logged-in people — an unguessable id in the cookie, a CSRF token per
// session, an idle timeout and an absolute lifetime
// ---------------------------------------------------------------------------------------------

/** One session. */
export interface WebSession {
  readonly id: string
  readonly actor: Actor
  readonly login: string
  readonly csrfToken: string
  readonly createdAt: number
  lastSeenAt: number
}

/** How long a session lives. */
export interface SessionLifetime {
  /** Ends after this long without a request. */
  readonly idleMs: number
  /** Ends this long after the login, however active. */
  readonly absoluteMs: number
}

/** The default: 30 minutes idle, 10 hours at most (a working day). */
export const defaultSessionLifetime: SessionLifetime = { idleMs: 30 * 60_000, absoluteMs: 10 * 3_600_000 }

/** The sessions of the server (in memory: a restart logs everyone out). */
export interface Sessions {
  readonly open: (actor: Actor, login: string, now: number) => WebSession
  /** The live session of an id; an expired one is ended and undefined is returned. */
  readonly get: (id: string, now: number) => WebSession | undefined
  readonly end: (id: string) => void
}

/** An unguessable token: 32 random bytes, base64url. */
export const randomToken = (): string => randomBytes(32).toString('base64url')

/** Sessions kept in memory. */
export const memorySessions = (lifetime: SessionLifetime = defaultSessionLifetime): Sessions => {
  const held = new Map<string, WebSession>()
  return {
    open: (actor, login, now) => {
      const s: WebSession = {
        id: randomToken(),
        actor,
        login,
        csrfToken: randomToken(),
        createdAt: now,
        lastSeenAt: now,
      }
      held.set(s.id, s)
      return s
    },
    get: (id, now) => {
      const s = held.get(id)
      if (s === undefined) return undefined
      if (now - s.lastSeenAt > lifetime.idleMs || now - s.createdAt > lifetime.absoluteMs) {
        held.delete(id)
        return undefined
      }
      s.lastSeenAt = now
      return s
    },
    end: (id) => void held.delete(id),
  }
}

/** Compares two tokens in constant time. */
export const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
