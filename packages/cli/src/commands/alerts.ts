import { missionLocaleOf, type CounsellorId, type MissionLocaleId } from '@parcours/domain'
import {
  docEntries,
  queryOutreachEntries,
  worklistProjection,
  type CejAlert,
  type OutreachEntry,
  type Worklist,
} from '@parcours/projections'
import { usageError } from '../cli/errors.js'
import { parseId } from '../cli/parse.js'
import { renderTable } from '../output/table.js'
import { authorize } from '../store/access.js'
import { openOfferCatalogue, withdrawnOffersOf } from '../store/offerCatalogue.js'
import { openOutreach, outreachCases } from '../store/outreach.js'
import { queryReadModels } from '../store/queryReadModels.js'
import { readModelOf } from '../store/readModels.js'
import { readWorklist } from '../store/worklist.js'
import type { CommandModule } from './commandModule.js'
import { dateOrToday } from './journey/index.js'

const sections = (w: Worklist) =>
  [
    {
      title: 'Overdue follow-ups',
      columns: ['Young person', 'Follow-up', 'Due on', 'Days overdue'],
      rows: w.overdueFollowUps.map((a) => [a.youthId, a.followUpId, a.dueOn, a.days]),
    },
    {
      title: 'Follow-ups due within 7 days',
      columns: ['Young person', 'Follow-up', 'Due on', 'Days left'],
      rows: w.followUpsDueSoon.map((a) => [a.youthId, a.followUpId, a.dueOn, a.days]),
    },
    {
      title: 'Reminders due today (7 days and 1 day before)',
      columns: ['Young person', 'Appointment or session', 'Kind', 'On', 'Days before'],
      rows: w.reminders.map((a) => [a.youthId, a.id, a.kind, a.on, a.daysBefore]),
    },
    {
      title: 'Proposals past their respond-by date',
      columns: ['Young person', 'Proposal', 'Theme', 'Respond by', 'Days past'],
      rows: w.proposalsPastRespondBy.map((a) => [a.youthId, a.proposalId, a.theme, a.respondBy, a.daysPast]),
    },
    {
      title: 'Programmes ending within 30 days',
      columns: ['Young person', 'Programme', 'Planned end', 'Days left'],
      rows: w.programmesEnding.map((a) => [a.youthId, a.programme, a.plannedEndOn, a.daysLeft]),
    },
    {
      title: 'Age limit within 60 days',
      columns: ['Young person', 'Age limit on', 'Days left'],
      rows: w.ageLimitsNear.map((a) => [a.youthId, a.ageLimitOn, a.daysLeft]),
    },
    // Listed only when it has entries: most missions locales propose no partner offer.
    ...((w.partnerOffersWithdrawn ?? []).length === 0
      ? []
      : [
          {
            title: 'Proposals whose France Travail offer was withdrawn',
            columns: ['Young person', 'Proposal', 'Offer', 'Theme', 'Withdrawn on'],
            rows: (w.partnerOffersWithdrawn ?? []).map((a) => [
              a.youthId,
              a.proposalId,
              a.offerId,
              a.theme,
              a.withdrawnOn,
            ]),
          },
        ]),
  ] as const

// The open outreach cases of the mission locale (school dropout lists): every counsellor's to take.
const outreachSection = (entries: ReadonlyArray<OutreachEntry>) => ({
  title: 'Open outreach cases (dropout lists)',
  columns: ['Case', 'Status', 'Opened on', 'Age (days)'],
  rows: entries.map((e) => [e.caseId, e.status, e.openedOn, e.ageDays]),
})

const hours = (minutes: number): string => (minutes / 60).toFixed(1)

// The CEJ's weeks: last week under 15 h, and (from Wednesday) this week when it cannot reach 15 h.
const cejSections = (alerts: ReadonlyArray<CejAlert>) =>
  [
    {
      title: 'CEJ: last week under 15 h',
      columns: ['Young person', 'Week of', 'Validated h'],
      rows: alerts
        .filter((a) => a.kind === 'week-under-target')
        .map((a) => [a.youthId, a.monday, hours(a.validatedMinutes)]),
    },
    {
      title: 'CEJ: this week cannot reach 15 h (validated, planned and declared)',
      columns: ['Young person', 'Week of', 'Validated h', 'Reachable h'],
      rows: alerts
        .filter((a) => a.kind === 'week-at-risk')
        .map((a) => [a.youthId, a.monday, hours(a.validatedMinutes), hours(a.reachableMinutes)]),
    },
  ] as const

/** `parcours alerts`: a counsellor's worklist as of a date. */
export const register: CommandModule['register'] = (command, ctx) =>
  command
    .requiredOption('--counsellor <id>', 'the counsellor', parseId)
    .option(
      '--mission-locale <id>',
      "the counsellor's mission locale (found from their journeys when absent)",
      parseId,
    )
    .addOption(dateOrToday('--at <date>', 'as of this date'))
    .option('--json', 'print the worklist as JSON')
    .action(async (o, cmd) => {
      const session = ctx.session(cmd)
      const { env, sink } = await queryReadModels(ctx, cmd)
      // A counsellor or manager asks about their own mission locale unless they say otherwise.
      let missionLocaleId = o.missionLocale ?? missionLocaleOf(session.actor)
      if (missionLocaleId === undefined) {
        const found = new Set<string>()
        const rm = await readModelOf(sink, worklistProjection, { where: { counsellorId: o.counsellor } })
        for (const [, y] of docEntries(rm)) if (y.counsellorId === o.counsellor) found.add(y.missionLocaleId)
        if (found.size > 1)
          throw usageError(
            `--mission-locale: counsellor ${o.counsellor} follows journeys in ${[...found].sort().join(', ')}; say which.`,
          )
        missionLocaleId = [...found][0]
        if (missionLocaleId === undefined)
          throw usageError(
            `--counsellor: no journey is followed by ${o.counsellor}; check the id or pass --mission-locale.`,
          )
      }
      authorize(session, {
        kind: 'read-worklist',
        missionLocaleId: missionLocaleId as MissionLocaleId,
        counsellorId: o.counsellor as CounsellorId,
      })
      const whose = { missionLocaleId, counsellorId: o.counsellor }
      const withdrawnOffers = await withdrawnOffersOf(openOfferCatalogue(ctx, cmd))
      const { worklist, cejWeeks: cej } = await readWorklist(env, sink, whose, o.at, withdrawnOffers)
      const outreach = queryOutreachEntries(await outreachCases(openOutreach(ctx, cmd, env)), {
        missionLocaleId,
        asOf: o.at,
      })
      if (o.json === true) {
        ctx.io.stdout.write(`${JSON.stringify({ ...worklist, cejWeeks: cej, outreach }, null, 2)}\n`)
        return
      }
      ctx.io.stdout.write(`Worklist of ${o.counsellor} (${missionLocaleId}) as of ${o.at}\n\n`)
      for (const s of [...sections(worklist), ...cejSections(cej), outreachSection(outreach)])
        ctx.io.stdout.write(
          s.rows.length === 0
            ? `${s.title}: none\n\n`
            : `${renderTable({ ...s, title: `${s.title}: ${s.rows.length}` })}\n`,
        )
    })
