import { InvalidArgumentError } from '@commander-js/extra-typings'
import { isLeft } from 'fp-ts/lib/Either.js'
import { collectOrphanKeys, describeVaultError, runOutreachRetention, runRetention } from '@parcours/adapters'
import { confirmOrRefuse } from '../cli/confirm.js'
import { infrastructureError } from '../cli/errors.js'
import { parseDate } from '../cli/parse.js'
import { renderTable } from '../output/table.js'
import { authorize } from '../store/access.js'
import { describeStoreError, erasureFailure, vaultFailure } from '../store/errors.js'
import { openOutreach } from '../store/outreach.js'
import type { CommandModule } from './commandModule.js'

/** A key younger than this (minutes) may belong to a registration still in flight: orphan collection leaves it. */
const ORPHAN_GRACE_MINUTES = 60

const parseMinutes = (value: string): number => {
  if (!/^\d{1,7}$/.test(value)) throw new InvalidArgumentError('Expected a whole number of minutes.')
  return Number(value)
}

/**
 * `parcours retention`: erases everyone past their retention date (age limit + 2 years; CEJ end +
 * 10 years), then discards the keys of people never registered (a failed registration's).
 */
export const register: CommandModule['register'] = (command, ctx) =>
  command
    .requiredOption('--at <date>', 'the date of the run (YYYY-MM-DD)', parseDate)
    .option('--dry-run', 'list who would be erased, erase nothing')
    .option('--yes', 'erase without asking on a terminal (off one, a scheduled run, it does not ask)')
    .option('--json', 'print the result as JSON')
    .option(
      '--orphans-older-than <minutes>',
      `discard keys of people never registered once this old (default ${ORPHAN_GRACE_MINUTES}; younger ones may be registrations in flight)`,
      parseMinutes,
    )
    .action(async (o, cmd) => {
      authorize(ctx.session(cmd), { kind: 'run-retention' })
      const env = await ctx.openStore(cmd, { mustExist: true })
      if (o.dryRun !== true)
        await confirmOrRefuse(ctx.io, o.yes === true, {
          what: `Erase the personal data of everyone past their retention date as of ${o.at}`,
          answer: 'yes',
          offTerminal: 'proceed',
        })
      // A key store that cannot be read fails the run before anything is judged or recorded.
      const keys = await env.keyStore.list()()
      if (isLeft(keys))
        throw infrastructureError(`${describeVaultError(keys.left)}; nothing was erased or recorded.`)
      const run = await runRetention({
        store: env.store,
        vault: env.vault,
        handle: env.handle,
        at: o.at,
        dryRun: o.dryRun === true,
        logger: env.logger,
      })()
      if (isLeft(run)) throw infrastructureError(describeStoreError(run.left))
      // Outreach cases (dropout lists): a registered case's copy goes on its closing day, one never
      // registered 12 months after its latest fact.
      const outreach = openOutreach(ctx, cmd, env)
      const cases = await runOutreachRetention({
        store: outreach.store,
        handle: outreach.handle,
        vault: env.vault,
        at: o.at,
        dryRun: o.dryRun === true,
        logger: env.logger,
      })()
      if (isLeft(cases)) throw infrastructureError(describeStoreError(cases.left))
      const orphans = await collectOrphanKeys({
        store: env.store,
        outreachStore: outreach.store,
        keyStore: env.keyStore,
        createdBefore: new Date(Date.now() - (o.orphansOlderThan ?? ORPHAN_GRACE_MINUTES) * 60_000),
        dryRun: o.dryRun === true,
        logger: env.logger,
      })()
      if (isLeft(orphans)) throw infrastructureError(describeVaultError(orphans.left))
      const { erased, failed, unopened, skipped } = run.right
      const orphanKeys = {
        discarded: orphans.right.discarded,
        failed: orphans.right.failed.map((f) => ({
          ...f.key,
          error: 'message' in f.error ? f.error.message : f.error._tag,
        })),
      }
      const failure = (f: (typeof failed)[number]) => erasureFailure(f.error, env.keyStoreName).message
      if (o.json === true)
        ctx.io.stdout.write(
          `${JSON.stringify(
            {
              ...run.right,
              failed: failed.map((f) => ({ ...f, error: failure(f) })),
              orphanKeys,
              outreachCases: cases.right,
              skipped: skipped.map((s) => ({
                ...s,
                revision: Number(s.revision),
                position: String(s.position),
              })),
            },
            null,
            2,
          )}\n`,
        )
      else {
        const verb = o.dryRun === true ? 'would be erased' : 'erased'
        ctx.io.stdout.write(
          `Retention as of ${o.at}: ${erased.length} young people ${verb}${failed.length > 0 ? `, ${failed.length} failed` : ''}.\n`,
        )
        if (erased.length > 0)
          ctx.io.stdout.write(
            renderTable({
              title: o.dryRun === true ? 'Past retention' : 'Erased',
              columns: ['Young person', 'Mission locale', 'Retention date'],
              rows: erased.map((e) => [e.youthId, e.missionLocaleId, e.retentionDueOn]),
            }),
          )
        if (cases.right.erased.length > 0 || cases.right.failed.length > 0)
          ctx.io.stdout.write(
            `Outreach cases (dropout lists): ${cases.right.erased.length} ${verb}${cases.right.failed.length > 0 ? `, ${cases.right.failed.length} failed` : ''}.\n`,
          )
        for (const f of cases.right.failed)
          ctx.io.stdout.write(`FAILED outreach case ${f.caseId} (${f.missionLocaleId}): ${f.reason}\n`)
        for (const f of failed)
          ctx.io.stdout.write(`FAILED ${f.youthId} (${f.missionLocaleId}): ${failure(f)}\n`)
        const discarded = orphanKeys.discarded.length
        if (discarded > 0 || orphanKeys.failed.length > 0)
          ctx.io.stdout.write(
            `Keys of people never registered (a failed registration's): ${discarded} ${o.dryRun === true ? 'would be discarded' : 'discarded'}${orphanKeys.failed.length > 0 ? `, ${orphanKeys.failed.length} could not be judged` : ''}.\n`,
          )
        for (const s of skipped)
          ctx.io.stdout.write(
            `SKIPPED ${s.youthId}: its event at revision ${s.revision} (position ${s.position}) cannot be decoded: ${s.reason}\n`,
          )
      }
      for (const u of unopened)
        ctx.io.stderr.write(
          `SKIPPED ${u.youthId} (${u.missionLocaleId}): age limits not opened, retention date unknown: ${vaultFailure(u.error).message}\n`,
        )
      if (skipped.length > 0 || unopened.length > 0)
        throw infrastructureError(
          [
            skipped.length > 0
              ? `${skipped.length} journey(s) skipped: an event cannot be decoded (run 'parcours verify')`
              : '',
            unopened.length > 0
              ? `${unopened.length} journey(s) whose age limits could not be opened were skipped`
              : '',
          ]
            .filter((m) => m !== '')
            .join('; ') + '; the others were done.',
        )
      if (failed.length + cases.right.failed.length > 0)
        throw infrastructureError(
          `${failed.length + cases.right.failed.length} erasure(s) failed; the others were done. Run again to retry.`,
        )
    })
