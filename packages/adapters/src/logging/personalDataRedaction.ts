import type { LoggerOptions } from 'pino'
import { personalFieldNames } from '../vault/personalFields.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/**
 * Every key whose value is personal data: the vault's field names, `personalData` (a command's or
 * event's identity) and `fields` (what the vault opens).
 */
const personalDataKeys: ReadonlyArray<string> = [...personalFieldNames, 'personalData', 'fields']

/** How deep below the root a personal key is still redacted (pino paths cannot say "any depth"). */
export const REDACTION_DEPTH = 6

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]'

// pino paths take one `*` per level, so each key is listed at every depth up to REDACTION_DEPTH.
const pathsAtEveryDepth = (key: string): ReadonlyArray<string> =>
  Array.from({ length: REDACTION_DEPTH + 1 }, (_, depth) => `${'*.'.repeat(depth)}${key}`)

/**
 * pino `redact` options that censor every personal field, wherever it sits in a log object (up to
 * REDACTION_DEPTH levels deep, in objects and arrays). Use: `pino({ redact: personalDataRedaction })`.
 * The log message string itself is never inspected: pass personal values in objects, never in text.
 */
export const personalDataRedaction: Exclude<
  LoggerOptions['redact'],
  undefined | ReadonlyArray<string> | string[]
> = {
  paths: personalDataKeys.flatMap((key) => pathsAtEveryDepth(key)),
  censor: REDACTED,
}
