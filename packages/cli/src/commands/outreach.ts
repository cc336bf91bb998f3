import { randomUUID } from 'node:crypto'
import { Option } from '@commander-js/extra-typings'
import { isLeft } from 'fp-ts/lib/Either.js'
import { describeOutreachFailure } from '@parcours/adapters'
import {
  missionLocaleOf,
  OUTREACH_STATUSES,
  OutreachCaseId,
  type CounsellorId,
  type MissionLocaleId,
  type OutreachStatus,
} from '@parcours/domain'
import { outreachCountsByStatus, queryOutreachEntries } from '@parcours/projections'
import { subcommand } from '../cli/configureCommand.js'
import { refusedError, usageError } from '../cli/errors.js'
import { parseId } from '../cli/parse.js'
import { renderTable } from '../output/table.js'
import { authorize } from '../store/access.js'
import { openOutreach, outreachCase, outreachCases } from '../store/outreach.js'
import type { CommandModule } from './commandModule.js'
import { dateOrToday } from './journey/index.js'

/** A case id from the command line. */
export const parseCaseId = (value: string): OutreachCaseId => {
  if (!OutreachCaseId.is(value)) throw usageError(`${value} is not an outreach case id (oc- and hex digits).`)
  return value
}

/** `parcours outreach list|status`: the outreach cases of the school dropout lists. */
export const register: CommandModule['register'] = (command, ctx) => {
  subcommand(command, 'list', "List a mission locale's open outreach cases, or the counts by status", ctx.io)
    .option(
      '--mission-locale <id>',
      "the mission locale (the actor's by default; none: national counts)",
      parseId,
    )
    .addOption(dateOrToday('--at <date>', 'as of this date'))
    .option('--counts', 'only how many cases stand at each status (what a statistician may read)')
    .option('--json', 'print as JSON')
    .action(async (o, cmd) => {
      const session = ctx.session(cmd)
      const ml = (o.missionLocale ?? missionLocaleOf(session.actor) ?? null) as MissionLocaleId | null
      const counts = o.counts === true
      if (!counts && ml === null)
        throw usageError('--mission-locale: say whose cases to list (or pass --counts).')
      authorize(session, { kind: 'read-outreach', detail: counts ? 'counts' : 'cases', missionLocaleId: ml })
      const env = await ctx.openStore(cmd, { mustExist: true })
      const cases = await outreachCases(openOutreach(ctx, cmd, env))
      if (counts) {
        const c = outreachCountsByStatus(cases, ml)
        if (o.json === true) return void ctx.io.stdout.write(`${JSON.stringify(c, null, 2)}\n`)
        ctx.io.stdout.write(
          `${renderTable({
            title: `Outreach cases of ${ml ?? 'every mission locale'}`,
            columns: ['Status', 'Cases'],
            rows: [
              ...OUTREACH_STATUSES.map((s) => [`open, ${s}`, c.open[s]]),
              ['closed, registered', c.registered],
              ['closed, retention', c.closedByRetention],
            ],
          })}\n`,
        )
        return
      }
      const entries = queryOutreachEntries(cases, { missionLocaleId: ml as string, asOf: o.at })
      if (o.json === true) return void ctx.io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`)
      ctx.io.stdout.write(
        entries.length === 0
          ? `Open outreach cases of ${ml} as of ${o.at}: none\n`
          : `${renderTable({
              title: `Open outreach cases of ${ml} as of ${o.at}: ${entries.length}`,
              columns: ['Case', 'Status', 'Opened on', 'Last on', 'Age (days)'],
              rows: entries.map((e) => [e.caseId, e.status, e.openedOn, e.lastOn, e.ageDays]),
            })}\n`,
      )
    })

  subcommand(command, 'status', 'Record where the outreach of a case stands', ctx.io)
    .argument('<case>', 'the outreach case (oc-…)', parseCaseId)
    .addOption(
      new Option('--status <status>', 'what the attempt gave')
        .choices(OUTREACH_STATUSES.filter((s) => s !== 'not-contacted'))
        .makeOptionMandatory(),
    )
    .option('--counsellor <id>', 'who recorded it (the counsellor running the command by default)', parseId)
    .addOption(dateOrToday('--on <date>', 'the day of the attempt'))
    .option('--command-id <id>', 'id that makes a retry idempotent (generated when absent)', parseId)
    .action(async (caseId, o, cmd) => {
      const session = ctx.session(cmd)
      const counsellorId =
        o.counsellor ?? (session.actor.kind === 'counsellor' ? session.actor.id : undefined)
      if (counsellorId === undefined) throw usageError('--counsellor: say which counsellor made the attempt.')
      const env = await ctx.openStore(cmd, { mustExist: true })
      const outreach = openOutreach(ctx, cmd, env)
      const { state } = await outreachCase(outreach, caseId)
      // Access first, on the case's mission locale (the actor's own when there is no such case).
      const missionLocaleId = state._tag === 'Case' ? state.missionLocaleId : missionLocaleOf(session.actor)
      if (missionLocaleId === undefined) throw usageError(`no outreach case ${caseId}`)
      authorize(session, { kind: 'outreach-command', action: 'record-status', missionLocaleId })
      const done = await outreach.handle({
        commandId: o.commandId ?? `cli-${randomUUID()}`,
        command: {
          type: 'RecordOutreachStatus',
          caseId,
          status: o.status as OutreachStatus,
          counsellorId: counsellorId as CounsellorId,
          on: o.on,
        },
      })()
      if (isLeft(done))
        throw done.left._tag === 'Rejected'
          ? refusedError(`refused: ${describeOutreachFailure(done.left)}`)
          : refusedError(describeOutreachFailure(done.left))
      ctx.io.stdout.write(
        `RecordOutreachStatus ${caseId}: ${done.right.events.length === 0 ? 'nothing new to record' : `${o.status} on ${o.on}`}\n`,
      )
    })
}
