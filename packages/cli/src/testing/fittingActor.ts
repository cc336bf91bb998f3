// ---------------------------------------------------------------------------------------------
// utils for tests: the actor a test run acts as when it names none — the one a deployment would
// use for that command. Tenancy tests name their actors (or none) explicitly.
// ---------------------------------------------------------------------------------------------

const GLOBALS_WITH_VALUE = new Set(['--store', '--as', '--log-level'])
const OPERATOR_COMMANDS = new Set(['retention', 'project', 'rebuild', 'verify'])
const MANAGER_COMMANDS = new Set(['erase', 'access-log', 'show'])

const valueOf = (argv: ReadonlyArray<string>, flag: string): string | undefined => {
  const i = argv.indexOf(flag)
  return i < 0 ? undefined : argv[i + 1]
}

const commandOf = (argv: ReadonlyArray<string>): string | undefined => {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (GLOBALS_WITH_VALUE.has(arg)) i++
    else if (!arg.startsWith('-')) return arg
  }
  return undefined
}

/**
 * The actor token fitting a command line, or undefined (the demo, or a line that already says
 * `--as`): an operator for the workers and retention, a manager for erasure, `show` and the access
 * log, a statistician for national figures, else a counsellor of the mission locale the line names
 * (`--mission-locale`, `--holder` for `show`).
 */
export const fittingActor = (argv: ReadonlyArray<string>, holder?: string): string | undefined => {
  if (argv.includes('--as')) return undefined
  const name = commandOf(argv)
  if (name === undefined || name === 'demo') return undefined
  const ml = valueOf(argv, '--mission-locale') ?? holder
  if (OPERATOR_COMMANDS.has(name)) return 'operator:o-test'
  if ((name === 'report' || name === 'tick') && ml === undefined)
    return name === 'report' ? 'statistician:s-test' : 'operator:o-test'
  const at = ml ?? 'ml-unknown'
  if (MANAGER_COMMANDS.has(name) || name === 'report' || name === 'tick') return `manager:m-test@${at}`
  return `counsellor:${valueOf(argv, '--counsellor') ?? 'c-test'}@${at}`
}

/** The environment of a test run: `env` with PARCOURS_AS set to the fitting actor when there is one. */
export const envWithFittingActor = (
  env: Readonly<Record<string, string | undefined>>,
  argv: ReadonlyArray<string>,
  holder?: string,
): Readonly<Record<string, string | undefined>> => {
  const actor = env['PARCOURS_AS'] === undefined ? fittingActor(argv, holder) : undefined
  return actor === undefined ? env : { ...env, PARCOURS_AS: actor }
}
