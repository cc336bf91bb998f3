import { missionLocaleOf, type MissionLocaleId } from '@parcours/domain'
import {
  aspStatementRows,
  aspStatementSpec,
  cejProjection,
  daresExtractSpec,
  describeFile,
  type FileSpec,
  franceTravailNoticeSpec,
  pseudonymizer,
  queryAllowanceStatement,
  queryDaresExtract,
  queryFranceTravailNotice,
  renderCsv,
  statementSealedBases,
} from '@parcours/projections'
import { openBases } from '../../cej/openBases.js'
import { subcommand } from '../../cli/configureCommand.js'
import { usageError } from '../../cli/errors.js'
import { parseId, parseMonth } from '../../cli/parse.js'
import { reportFileFor, writeReportFile } from '../../cli/reportFile.js'
import { authorize } from '../../store/access.js'
import { partnerFilesReadModel, pseudonymKey, pseudonymKeyPath } from '../../store/partnerFiles.js'
import { queryReadModels } from '../../store/queryReadModels.js'
import { readModelOf } from '../../store/readModels.js'
import type { CommandModule } from '../commandModule.js'

type Kind = 'dares' | 'asp' | 'france-travail'

const specs: Readonly<Record<Kind, { readonly spec: FileSpec; readonly title: string }>> = {
  dares: { spec: daresExtractSpec, title: 'DARES extract' },
  asp: { spec: aspStatementSpec, title: 'ASP statement' },
  'france-travail': { spec: franceTravailNoticeSpec, title: 'France Travail notice' },
}

/**
 * `parcours partners export dares|asp|france-travail --month YYYY-MM --out FILE`: an outbound
 * file as CSV, with its description beside it (FILE.description.json). Like `report`, it never
 * replaces a file that is not a previous one of the same kind, unless --force.
 */
export const register: CommandModule['register'] = (partners, ctx) => {
  const group = subcommand(
    partners,
    'export',
    'Write an outbound file: DARES extract, ASP statement, France Travail notice',
    ctx.io,
  )
  for (const kind of ['dares', 'asp', 'france-travail'] as const) {
    const { spec, title } = specs[kind]
    subcommand(group, kind, `Write the monthly ${title} (${spec.row})`, ctx.io)
      .requiredOption('--month <month>', 'the month (YYYY-MM)', parseMonth)
      .requiredOption('--out <file>', 'the CSV file; its description goes to FILE.description.json')
      .option(
        '--mission-locale <id>',
        kind === 'dares'
          ? "the mission locale (default: the manager's; a statistician's extract is national)"
          : "the mission locale (default: the manager's)",
        parseId,
      )
      .option(
        '--key <file>',
        'DARES only: the pseudonym key (created when missing; default beside the store)',
      )
      .option('--force', 'replace the files even when they are not previous ones of this kind')
      .action(async (o, cmd) => {
        const force = o.force === true
        // Both files are checked before any work: neither is written when one may not be.
        const file = reportFileFor('--out', kind, o.out, ctx.io.cwd, force)
        const sidecar = reportFileFor(
          '--out',
          'partner-description',
          `${o.out}.description.json`,
          ctx.io.cwd,
          force,
        )
        if (o.key !== undefined && kind !== 'dares')
          throw usageError('--key: only the DARES extract is pseudonymised.')
        const session = ctx.session(cmd)
        const own = missionLocaleOf(session.actor)
        const missionLocaleId = o.missionLocale ?? own ?? null
        let rows: ReadonlyArray<Readonly<Record<string, string>>>
        if (kind === 'asp') {
          if (missionLocaleId === null) throw usageError('--mission-locale: say whose statement to export.')
          authorize(session, {
            kind: 'export-allowance-statement',
            missionLocaleId: missionLocaleId as MissionLocaleId,
          })
          const { env, sink } = await queryReadModels(ctx, cmd)
          const rm = await readModelOf(sink, cejProjection)
          const q = { missionLocaleId, month: o.month }
          const open = await openBases(env, session, missionLocaleId, 'export', statementSealedBases(rm, q))
          rows = aspStatementRows(queryAllowanceStatement(rm, q, open))
        } else {
          if (kind === 'france-travail' && missionLocaleId === null)
            throw usageError('--mission-locale: say whose notice to export.')
          authorize(session, {
            kind: 'export-partner-file',
            file: kind,
            missionLocaleId: missionLocaleId as MissionLocaleId | null,
          })
          const { env, rm } = await partnerFilesReadModel(ctx, cmd)
          rows =
            kind === 'dares'
              ? queryDaresExtract(
                  rm,
                  { month: o.month, missionLocaleId },
                  pseudonymizer(pseudonymKey(pseudonymKeyPath(o.key, env, ctx.io.cwd))),
                )
              : queryFranceTravailNotice(rm, { month: o.month, missionLocaleId: missionLocaleId as string })
        }
        const description = describeFile(spec, {
          month: o.month,
          missionLocale: missionLocaleId ?? 'national',
          rows: rows.length,
        })
        writeReportFile(file, renderCsv(spec, rows), ctx.io.cwd, force)
        writeReportFile(sidecar, `${JSON.stringify(description, null, 2)}\n`, ctx.io.cwd, force)
        ctx.io.stdout.write(
          `${title} of ${missionLocaleId ?? 'the nation'} for ${o.month}: ${rows.length} row(s) written to ${file.path}, described in ${sidecar.path}\n`,
        )
      })
  }
}
