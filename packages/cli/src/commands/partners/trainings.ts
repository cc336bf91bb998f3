import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { isLeft } from 'fp-ts/lib/Either.js'
import { generateLheo, importLheo, systemScheduler, type LheoImportReport } from '@parcours/adapters'
import { subcommand } from '../../cli/configureCommand.js'
import { infrastructureError, usageError } from '../../cli/errors.js'
import { parseIntIn } from '../../cli/parse.js'
import { authorize } from '../../store/access.js'
import { openPartnerInbox } from '../../store/offerCatalogue.js'
import { openTrainingCatalogue } from '../../store/trainingCatalogue.js'
import type { CommandModule } from '../commandModule.js'

/** The lines an LHEO import prints: the counters, then each refused element. */
export const lheoImportLines = (file: string, r: LheoImportReport): ReadonlyArray<string> => [
  `LHEO import of ${file}: ${r.formations} formation(s); ${r.received} records received, ${r.recorded} recorded, ${r.duplicated} duplicated, ${r.rejected} rejected${r.parked > 0 ? `, ${r.parked} parked (parcours partners failures)` : ''}`,
  ...r.rejections.map(
    (x) =>
      `  refused line ${x.line} ${x.path} (${x.element}${x.numero === null ? '' : ` ${x.numero}`}): ${x.reason}`,
  ),
]

/**
 * `parcours partners trainings import|list|generate`: the training catalogue from the Carif-Oref
 * LHEO 2.3 files, and a generator of synthetic files for trials.
 */
export const register: CommandModule['register'] = (partners, ctx) => {
  const group = subcommand(partners, 'trainings', 'The training catalogue, from LHEO 2.3 files', ctx.io)

  subcommand(group, 'import', 'Import an LHEO 2.3 file into the training catalogue (operators)', ctx.io)
    .argument('<file>', 'the LHEO XML file')
    .action(async (file, _o, cmd) => {
      authorize(ctx.session(cmd), { kind: 'maintain-store', task: 'import-catalogue' })
      const path = resolve(ctx.io.cwd, file)
      if (!existsSync(path) || !statSync(path).isFile()) throw usageError(`${path} is not a file.`)
      const catalogue = openTrainingCatalogue(ctx, cmd)
      const r = await importLheo(createReadStream(path), catalogue, await ctx.logger(cmd), {
        store: openPartnerInbox(ctx, cmd),
        scheduler: systemScheduler,
      })()
      if (isLeft(r)) {
        ctx.io.stdout.write(`${lheoImportLines(file, r.left.report).join('\n')}\n`)
        throw infrastructureError(
          `the training catalogue failed: ${r.left.message}; import the file again once it is back`,
        )
      }
      ctx.io.stdout.write(`${lheoImportLines(file, r.right).join('\n')}\n`)
      if (r.right.stoppedAt !== null)
        throw usageError(
          `${file} line ${r.right.stoppedAt.line}: ${r.right.stoppedAt.reason}; the formations before it are recorded, nothing after it is read.`,
        )
    })

  subcommand(group, 'list', 'List the sessions of the training catalogue', ctx.io)
    .option('--open', 'only sessions recruiting now (etat-recrutement 1)')
    .option('--city <name>', 'only sessions of actions in this city')
    .option('--json', 'print as JSON')
    .action(async (o, cmd) => {
      ctx.session(cmd)
      const catalogue = openTrainingCatalogue(ctx, cmd)
      const [sessions, actions, formations] = [
        await catalogue.list('session')(),
        await catalogue.list('action')(),
        await catalogue.list('formation')(),
      ]
      if (isLeft(sessions) || isLeft(actions) || isLeft(formations))
        throw infrastructureError('the training catalogue is unavailable')
      const actionOf = new Map(actions.right.map((a) => [a.id, a]))
      const titleOf = new Map(formations.right.map((f) => [f.id, f.title]))
      const rows = sessions.right
        .map((s) => ({
          ...s,
          city: actionOf.get(s.actionId)?.city ?? null,
          title: titleOf.get(s.formationId) ?? '',
        }))
        .filter(
          (s) => (o.open !== true || s.recruitment === 'open') && (o.city === undefined || s.city === o.city),
        )
      if (o.json === true) {
        ctx.io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
        return
      }
      ctx.io.stdout.write(
        [
          `${rows.length} session(s) in the training catalogue`,
          ...rows.map(
            (s) =>
              `  ${s.actionId} ${s.sessionId}  ${s.startsOn ?? '?'} to ${s.endsOn ?? '?'}  ${s.recruitment ?? 'recruitment unknown'}  ${s.city ?? ''}  ${s.title}`,
          ),
          '',
        ].join('\n'),
      )
    })

  subcommand(group, 'generate', 'Write a synthetic LHEO 2.3 file (for trials and the demo)', ctx.io)
    .requiredOption('--out <file>', 'the file to write (never replaced)')
    .option('--formations <n>', 'how many formations', parseIntIn(1, 1_000_000), 100)
    .option('--seed <n>', 'random seed', parseIntIn(0, 2 ** 31), 2025)
    .option(
      '--malformed-every <n>',
      'every n-th formation has a malformed session',
      parseIntIn(0, 1_000_000),
      0,
    )
    .action(async (o) => {
      const path = resolve(ctx.io.cwd, o.out)
      if (existsSync(path)) throw usageError(`--out: ${path} exists; choose another file.`)
      await pipeline(
        Readable.from(
          generateLheo({ formations: o.formations, seed: o.seed, malformedSessionEvery: o.malformedEvery }),
        ),
        createWriteStream(path, { flags: 'wx' }),
      )
      ctx.io.stdout.write(
        `LHEO file of ${o.formations} formation(s) written to ${path} (${statSync(path).size} bytes)\n`,
      )
    })
}
