import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { isLeft } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { PathReporter } from 'io-ts/lib/PathReporter.js'
import { Actor, defaultAccessPolicy, parseActorRef, type AccessPolicy } from '@parcours/domain'
import { usageError } from '../cli/errors.js'
import { firstUnsafeCharacter } from '../cli/safeText.js'

// ---------------------------------------------------------------------------------------------
// model: who a run acts as, and under which access policy — from `--as`, PARCOURS_AS or the
// configuration file, in that order
// ---------------------------------------------------------------------------------------------

/** The configuration file read when PARCOURS_CONFIG names none. */
const DEFAULT_CONFIG_FILE = 'parcours.config.json'

/** The configuration file: the actor (a token, or an object for a partner) and the policy's choices. */
const ConfigFile = t.partial({
  as: t.union([t.string, Actor]),
  counsellorScope: t.union([t.literal('mission-locale'), t.literal('caseload')]),
})

/** Where the actor came from, for messages. */
export type ActorOrigin = '--as' | 'PARCOURS_AS' | 'config file'

/** The actor of a run (when one was given) and the access policy. */
export interface AccessSettings {
  readonly actor: { readonly actor: Actor; readonly origin: ActorOrigin } | undefined
  readonly policy: AccessPolicy
}

const actorOf = (value: string | Actor, origin: ActorOrigin, name: string): Actor => {
  if (typeof value !== 'string') return value
  const unsafe = firstUnsafeCharacter(value)
  if (unsafe !== undefined)
    throw usageError(
      `${name}: an actor holds no control, bidirectional or zero-width character (found ${unsafe.escaped} at position ${unsafe.index + 1}).`,
    )
  const parsed = parseActorRef(value)
  if (isLeft(parsed)) throw usageError(`${name}: '${value}' is not an actor: ${parsed.left.reason}.`)
  return parsed.right
}

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * Reads who the run acts as: the `--as` flag wins, then the environment variable PARCOURS_AS, then
 * `"as"` in the configuration file (PARCOURS_CONFIG, default `./parcours.config.json`). The counsellor
 * scope comes from the configuration file (default: the whole mission locale). Bad values are usage errors.
 */
export const accessSettingsFrom = (
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): AccessSettings => {
  const named = env['PARCOURS_CONFIG'] || undefined
  const path = resolve(cwd, named ?? DEFAULT_CONFIG_FILE)
  let config: t.TypeOf<typeof ConfigFile> = {}
  if (named !== undefined || existsSync(path)) {
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'))
    } catch (e) {
      throw usageError(`configuration file ${path} cannot be read: ${(e as Error).message}`)
    }
    const decoded = ConfigFile.decode(raw)
    if (isLeft(decoded))
      throw usageError(`configuration file ${path}: ${PathReporter.report(decoded).join('; ')}`)
    config = decoded.right
  }
  const policy: AccessPolicy = {
    ...defaultAccessPolicy,
    ...(config.counsellorScope === undefined ? {} : { counsellorScope: config.counsellorScope }),
  }
  const fromEnv = env['PARCOURS_AS'] || undefined
  const actor =
    flag !== undefined
      ? { actor: actorOf(flag, '--as', '--as'), origin: '--as' as const }
      : fromEnv !== undefined
        ? { actor: actorOf(fromEnv, 'PARCOURS_AS', 'PARCOURS_AS'), origin: 'PARCOURS_AS' as const }
        : config.as !== undefined
          ? {
              actor: actorOf(config.as, 'config file', `configuration file ${path}: as`),
              origin: 'config file' as const,
            }
          : undefined
  return { actor, policy }
}

/** The usage error of a command run without an actor. */
export const noActorError = (command: string) =>
  usageError(
    `${command} needs an actor: pass --as counsellor:ID@MISSION_LOCALE (or manager:ID@MISSION_LOCALE, statistician:ID, operator:ID), set PARCOURS_AS, or put "as" in ${DEFAULT_CONFIG_FILE}.`,
  )
