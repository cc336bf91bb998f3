import { randomUUID } from 'node:crypto'
import { allowanceBasisFields } from '@parcours/adapters'
import {
  activityKinds,
  allowanceTerritories,
  breachKinds,
  hearingOutcomes,
  householdTaxStatuses,
  missionLocaleOf,
  type AllowanceBasis,
  type MissionLocaleId,
} from '@parcours/domain'
import { cejProjection, queryAllowanceStatement, statementSealedBases } from '@parcours/projections'
import { openBases } from '../cej/openBases.js'
import { statementCsv } from '../cej/statementCsv.js'
import { subcommand } from '../cli/configureCommand.js'
import { usageError } from '../cli/errors.js'
import { parseDate, parseId, parseIntIn, parseMonth, parseOneOf } from '../cli/parse.js'
import { reportFileFor, writeReportFile } from '../cli/reportFile.js'
import { authorize } from '../store/access.js'
import { queryReadModels } from '../store/queryReadModels.js'
import { readModelOf } from '../store/readModels.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptions } from './journey/index.js'

/**
 * `parcours cej declare|validate|allowance|breach|hearing|sanction|shorten-wait|statement`: the
 * CEJ as a contract of engagement — activity hours, the allowance, breaches and sanctions, and the
 * monthly allowance statement for payment.
 */
export const register: CommandModule['register'] = (command, ctx) => {
  const journeyCommand = (name: string, description: string) =>
    withJourneyOptions(subcommand(command, name, description, ctx.io))
  journeyCommand('declare', 'Declare an activity of the CEJ with its weekly hours (immersion, training…)')
    .option('--activity <id>', 'activity id (generated when absent)', parseId)
    .requiredOption('--kind <kind>', `one of ${activityKinds.join(', ')}`, parseOneOf(activityKinds))
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD)', parseDate)
    .requiredOption('--to <date>', 'last day (YYYY-MM-DD)', parseDate)
    .requiredOption('--hours <n>', 'hours a week, 1 to 35', parseIntIn(1, 35))
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, {
        type: 'DeclareActivity',
        activityId: o.activity ?? `a-${randomUUID().slice(0, 8)}`,
        kind: o.kind,
        startsOn: o.from,
        endsOn: o.to,
        hoursPerWeek: o.hours,
      }),
    )
  journeyCommand('validate', 'Validate a declared activity, at its declared weekly hours or fewer')
    .requiredOption('--activity <id>', 'the activity', parseId)
    .requiredOption('--hours <n>', 'validated hours a week, 0 to 35', parseIntIn(0, 35))
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, {
        type: 'ValidateActivity',
        activityId: o.activity,
        hoursPerWeek: o.hours,
      }),
    )
  journeyCommand('allowance', 'Set or review the CEJ allowance (its basis is sealed: it is personal data)')
    .requiredOption(
      '--household <status>',
      `the household's tax status: one of ${householdTaxStatuses.join(', ')}`,
      parseOneOf(householdTaxStatuses),
    )
    .option(
      '--territory <t>',
      `one of ${allowanceTerritories.join(', ')}`,
      parseOneOf(allowanceTerritories),
      'general' as const,
    )
    .option('--adult-on <date>', 'for a minor: the 18th birthday (YYYY-MM-DD; sealed)', parseDate)
    .option('--rsa', 'the young person receives the RSA (the allowance is then refused)')
    .option('--prime-activite', "the young person receives the prime d'activité (refused too)")
    .action((o, cmd) => {
      const household: AllowanceBasis = {
        householdTaxStatus: o.household,
        allowanceTerritory: o.territory,
        adultOn: o.adultOn ?? null,
      }
      return sendJourneyCommand(
        ctx,
        cmd,
        o,
        {
          type: 'SetCejAllowance',
          household,
          rsa: o.rsa === true,
          primeActivite: o.primeActivite === true,
          personalData: null,
        },
        allowanceBasisFields(household),
      )
    })
  journeyCommand('breach', 'Record a breach of the CEJ commitments')
    .option('--breach <id>', 'breach id (generated when absent)', parseId)
    .requiredOption('--kind <kind>', `one of ${breachKinds.join(', ')}`, parseOneOf(breachKinds))
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, {
        type: 'RecordCejBreach',
        breachId: o.breach ?? `b-${randomUUID().slice(0, 8)}`,
        kind: o.kind,
      }),
    )
  journeyCommand('hearing', 'Record the hearing of the young person about a breach')
    .requiredOption('--breach <id>', 'the breach', parseId)
    .requiredOption('--outcome <o>', `one of ${hearingOutcomes.join(', ')}`, parseOneOf(hearingOutcomes))
    .action((o, cmd) =>
      sendJourneyCommand(ctx, cmd, o, { type: 'RecordCejHearing', breachId: o.breach, outcome: o.outcome }),
    )
  journeyCommand(
    'sanction',
    'Decide the sanction of an upheld breach (manager): the next rung, from the 1st of next month',
  )
    .requiredOption('--breach <id>', 'the breach', parseId)
    .action((o, cmd) => sendJourneyCommand(ctx, cmd, o, { type: 'DecideCejSanction', breachId: o.breach }))
  journeyCommand(
    'shorten-wait',
    'Shorten the wait before a new CEJ after a termination for breaches (manager)',
  )
    .requiredOption('--until <date>', 'the new end of the waiting period (YYYY-MM-DD)', parseDate)
    .action((o, cmd) => sendJourneyCommand(ctx, cmd, o, { type: 'ShortenCejWaitingPeriod', endsOn: o.until }))
  subcommand(
    command,
    'statement',
    "Export a mission locale's monthly allowance statement as CSV (manager)",
    ctx.io,
  )
    .option('--mission-locale <id>', "the mission locale (default: the manager's)", parseId)
    .requiredOption('--month <month>', 'the month paid (YYYY-MM)', parseMonth)
    .option('--out <file>', 'write the CSV into this file (default: standard output)')
    .option('--force', 'replace the file even when it is not a previous statement')
    .action(async (o, cmd) => {
      const force = o.force === true
      // Checked before any work: a file that is not a previous statement is never replaced without --force.
      const file =
        o.out === undefined ? undefined : reportFileFor('--out', 'statement', o.out, ctx.io.cwd, force)
      const session = ctx.session(cmd)
      const missionLocaleId = o.missionLocale ?? missionLocaleOf(session.actor)
      if (missionLocaleId === undefined) throw usageError('--mission-locale: say whose statement to export.')
      authorize(session, {
        kind: 'export-allowance-statement',
        missionLocaleId: missionLocaleId as MissionLocaleId,
      })
      const { env, sink } = await queryReadModels(ctx, cmd)
      const rm = await readModelOf(sink, cejProjection)
      const q = { missionLocaleId, month: o.month }
      const open = await openBases(env, session, missionLocaleId, 'export', statementSealedBases(rm, q))
      const content = statementCsv(queryAllowanceStatement(rm, q, open))
      if (file === undefined) ctx.io.stdout.write(content)
      else ctx.io.stdout.write(`${writeReportFile(file, content, ctx.io.cwd, force)}\n`)
    })
}
