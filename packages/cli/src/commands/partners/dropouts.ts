import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import {
  defaultRetryPolicy,
  DROPOUT_ROWS,
  importDropoutList,
  type DropoutImportReport,
} from '@parcours/adapters'
import { MissionLocaleId } from '@parcours/domain'
import { subcommand } from '../../cli/configureCommand.js'
import { infrastructureError, usageError } from '../../cli/errors.js'
import { parseId, parseIntIn } from '../../cli/parse.js'
import { authorize } from '../../store/access.js'
import { openPartnerInbox } from '../../store/offerCatalogue.js'
import { openOutreach } from '../../store/outreach.js'
import type { CommandModule } from '../commandModule.js'
import { dateOrToday } from '../journey/index.js'
import { failureLines, totalsLines } from './offers.js'

/** The lines a dropout list import prints: the counters, then each refused line, then each row parked. */
export const dropoutImportLines = (file: string, r: DropoutImportReport): ReadonlyArray<string> => [
  `Dropout list import of ${file}: ${r.received} rows received, ${r.recorded} recorded, ${r.duplicated} duplicated, ${r.rejected} rejected`,
  ...r.rejections.map(
    (x) => `  refused line ${x.line}${x.rowId === null ? '' : ` (row ${x.rowId})`}: ${x.reason}`,
  ),
  ...failureLines(r.parked),
]

/**
 * The postcode mapping of `--postcodes FILE`: a JSON object from a postcode or its prefix
 * ("76000", "76") to a mission locale; the longest prefix wins.
 */
const postcodeMapping = (
  cwd: string,
  file: string,
): {
  readonly lookup: (postcode: string) => MissionLocaleId | undefined
  readonly missionLocales: ReadonlyArray<MissionLocaleId>
} => {
  const path = resolve(cwd, file)
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (e) {
    throw usageError(`--postcodes: ${path} is not a readable JSON file (${(e as Error).message}).`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw usageError(
      `--postcodes: ${path} must be a JSON object from postcodes or prefixes to mission locales.`,
    )
  const entries = Object.entries(parsed as Record<string, unknown>)
  for (const [prefix, ml] of entries)
    if (!/^\d{1,5}$/.test(prefix) || !MissionLocaleId.is(ml))
      throw usageError(`--postcodes: "${prefix}" must be 1 to 5 digits naming a mission locale id.`)
  const sorted = (entries as Array<[string, MissionLocaleId]>).sort((a, b) => b[0].length - a[0].length)
  return {
    lookup: (postcode) => sorted.find(([prefix]) => postcode.startsWith(prefix))?.[1],
    missionLocales: [...new Set(sorted.map(([, ml]) => ml))].sort(),
  }
}

/** `parcours partners dropouts import`: the school dropout lists (SIEI) into outreach cases. */
export const register: CommandModule['register'] = (partners, ctx) => {
  const group = subcommand(partners, 'dropouts', 'School dropout lists (SIEI): outreach cases', ctx.io)

  subcommand(
    group,
    'import',
    "Import a dropout list (CSV) into outreach cases (the mission locale's manager)",
    ctx.io,
  )
    .argument('<file>', 'the CSV file (header line; ";" or "," between fields)')
    .option('--mission-locale <id>', 'the mission locale every row goes to', parseId)
    .option('--postcodes <file>', 'or: a JSON object from postcodes (or prefixes) to mission locales')
    .addOption(dateOrToday('--at <date>', 'the day the cases open'))
    .option(
      '--tries <n>',
      'tries of a row, with backoff, before it is parked (parcours partners failures)',
      parseIntIn(1, 10),
      defaultRetryPolicy.maxAttempts,
    )
    .action(async (file, o, cmd) => {
      const session = ctx.session(cmd)
      if ((o.missionLocale === undefined) === (o.postcodes === undefined))
        throw usageError('give --mission-locale or --postcodes (one of them): it says where each row goes.')
      const mapping =
        o.postcodes === undefined
          ? {
              lookup: () => o.missionLocale as MissionLocaleId,
              missionLocales: [o.missionLocale as MissionLocaleId],
            }
          : postcodeMapping(ctx.io.cwd, o.postcodes)
      for (const missionLocaleId of mapping.missionLocales)
        authorize(session, { kind: 'outreach-command', action: 'import-list', missionLocaleId })
      const path = resolve(ctx.io.cwd, file)
      if (!existsSync(path) || !statSync(path).isFile()) throw usageError(`${path} is not a file.`)
      const env = await ctx.openStore(cmd, { createKeyStore: true })
      const outreach = openOutreach(ctx, cmd, env)
      const inbox = openPartnerInbox(ctx, cmd)
      const totals = () => totalsLines(inbox, DROPOUT_ROWS)
      // The cases this import opens, named as every created thing is ('created outreach case oc-…').
      const opened: string[] = []
      const handle: typeof outreach.handle = (envelope) => async () => {
        const handled = await outreach.handle(envelope)()
        if (isRight(handled) && !handled.right.replayed && envelope.command.type === 'OpenOutreachCase')
          opened.push(envelope.command.caseId)
        return handled
      }
      const created = () => opened.map((caseId) => `created outreach case ${caseId}`)
      const r = await importDropoutList(createReadStream(path), {
        handle,
        vault: env.vault,
        inbox,
        retry: { ...defaultRetryPolicy, maxAttempts: o.tries },
        missionLocaleFor: mapping.lookup,
        on: o.at,
        logger: env.logger,
      })()
      if (isLeft(r)) {
        ctx.io.stdout.write(
          `${[...dropoutImportLines(file, r.left.report), ...created(), ...(await totals())].join('\n')}\n`,
        )
        throw infrastructureError(
          `the import stopped: ${r.left.message}; import the file again once it is fixed`,
        )
      }
      ctx.io.stdout.write(
        `${[...dropoutImportLines(file, r.right), ...created(), ...(await totals())].join('\n')}\n`,
      )
      if (r.right.stoppedAt !== null)
        throw usageError(
          `${file} line ${r.right.stoppedAt.line}: ${r.right.stoppedAt.reason}; the rows before it are recorded, nothing after it is read.`,
        )
    })
}
