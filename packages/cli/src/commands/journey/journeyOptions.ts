import { Option, type Command, type OptionValues } from '@commander-js/extra-typings'
import type { LocalDate } from '@parcours/domain'
import { parseDate, parseId, parseText } from '../../cli/parse.js'

// ---------------------------------------------------------------------------------------------
// the options every journey command shares
// ---------------------------------------------------------------------------------------------

/** Today in UTC: the default `--on` of every journey command. */
const todayUtc = (): LocalDate => new Date().toISOString().slice(0, 10) as LocalDate

/** A date option that defaults to today (help says 'today', not the date of the day the help was printed). */
export const dateOrToday = <Flags extends string>(flags: Flags, description: string) =>
  new Option(flags, `${description} (YYYY-MM-DD)`).argParser(parseDate).default(todayUtc(), 'today')

const withIdentity = <Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
) =>
  command
    .requiredOption('--youth <id>', 'the young person (pseudonymous id)', parseId)
    .requiredOption('--mission-locale <id>', 'the mission locale holding the journey', parseId)

const withIdempotence = <Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
) =>
  command
    .option('--command-id <id>', 'id that makes a retry idempotent (generated when absent)', parseId)
    .option('--json', 'print the events written as JSON')

/** Adds --youth, --mission-locale, --on (default today), --command-id and --json. */
export const withJourneyOptions = <
  Args extends unknown[],
  Opts extends OptionValues,
  Globals extends OptionValues,
>(
  command: Command<Args, Opts, Globals>,
) => withIdempotence(withIdentity(command).addOption(dateOrToday('--on <date>', 'the date it takes effect')))

/** The options every journey command takes, as their declarations type them. */

export type JourneyOptions = ReturnType<ReturnType<typeof withJourneyOptions<[], {}, {}>>['opts']>

/** Adds `--comment` (sealed in the vault before it reaches the store). */
export const withComment = <Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
  description = "counsellor's comment (personal data: sealed in the vault)",
) => command.option('--comment <text>', description, parseText)
