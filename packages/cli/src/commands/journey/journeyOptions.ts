import { Option, type Command } from 'commander'
import type { LocalDate } from '@parcours/domain'
import { parseDate, parseId, parseText } from '../../cli/parse.js'

// ---------------------------------------------------------------------------------------------
// the options every journey command shares
// ---------------------------------------------------------------------------------------------

/** Options every journey command takes. */
export interface JourneyOptions {
  readonly youth: string
  readonly missionLocale: string
  readonly on: LocalDate
  readonly commandId?: string
  readonly json?: true
}

/** Today in UTC: the default `--on` of commands other than `register`. */
export const todayUtc = (): LocalDate => new Date().toISOString().slice(0, 10) as LocalDate

/** A date option that defaults to today (help says 'today', not the date of the day the help was printed). */
export const dateOrToday = (flags: string, description: string): Option =>
  new Option(flags, `${description} (YYYY-MM-DD)`).argParser(parseDate).default(todayUtc(), 'today')

/** Adds --youth, --mission-locale, --on, --command-id and --json. `--on` is required when no default is given. */
export const withJourneyOptions = (command: Command, onDefault: 'today' | 'required' = 'today'): Command => {
  command
    .requiredOption('--youth <id>', 'the young person (pseudonymous id)', parseId)
    .requiredOption('--mission-locale <id>', 'the mission locale holding the journey', parseId)
  if (onDefault === 'required')
    command.requiredOption('--on <date>', 'the date it takes effect (YYYY-MM-DD)', parseDate)
  else command.addOption(dateOrToday('--on <date>', 'the date it takes effect'))
  return command
    .option('--command-id <id>', 'id that makes a retry idempotent (generated when absent)', parseId)
    .option('--json', 'print the events written as JSON')
}

/** Adds `--comment` (sealed in the vault before it reaches the store). */
export const withComment = (
  command: Command,
  description = "counsellor's comment (personal data: sealed in the vault)",
): Command => command.option('--comment <text>', description, parseText)
