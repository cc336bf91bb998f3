import { isLeft } from 'fp-ts/lib/Either.js'
import type { MissionLocaleId } from '@parcours/domain'
import { infrastructureError } from '../cli/errors.js'
import { parseDate, parseId } from '../cli/parse.js'
import { createProgress } from '../output/progress.js'
import { authorize } from '../store/access.js'
import { describeStoreError, journeyFailure } from '../store/errors.js'
import { readJourneys } from '../store/openJourneys.js'
import type { CommandModule } from './commandModule.js'

/** `parcours tick`: the clock — applies the time-driven rules to every open journey as of a date. */
export const register: CommandModule['register'] = (command, ctx) =>
  command
    .requiredOption('--at <date>', 'the date the rules are applied as of (YYYY-MM-DD)', parseDate)
    .option('--mission-locale <id>', 'only the journeys of this mission locale', parseId)
    .option('--json', 'print the counts as JSON')
    .action(async (o, cmd) => {
      authorize(ctx.session(cmd), {
        kind: 'run-clock',
        missionLocaleId: (o.missionLocale ?? null) as MissionLocaleId | null,
      })
      const env = await ctx.openStore(cmd, { mustExist: true })
      const { journeys, unreadable } = await readJourneys(env)
      // An erased journey's age limits went with its key: no time rule can be decided for it.
      const open = journeys.filter(
        (j) =>
          j.status === 'open' &&
          !j.personalDataErased &&
          (o.missionLocale === undefined || j.missionLocaleId === o.missionLocale) &&
          j.registeredOn <= o.at,
      )
      const progress = createProgress(ctx.io.stderr, 'applying time rules')
      const written: Record<string, number> = {}
      let touched = 0
      for (const [i, journey] of open.entries()) {
        // One tick per journey and day: running the same tick again writes nothing new.
        const handled = await env.handle({
          commandId: `tick-${o.at}-${journey.youthId}`,
          command: {
            type: 'ApplyTimeRules',
            youthId: journey.youthId,
            missionLocaleId: journey.missionLocaleId,
            on: o.at,
          },
        })()
        if (isLeft(handled)) throw journeyFailure(handled.left)
        const result = handled.right
        if (result.events.length > 0 && !result.replayed) touched += 1
        if (!result.replayed)
          for (const e of result.events) written[e.event.type] = (written[e.event.type] ?? 0) + 1
        progress.update(i + 1, open.length)
      }
      progress.stop()
      const skipped = unreadable.map((b) => ({
        streamName: b.streamName,
        revision: Number(b.revision),
        position: String(b.position),
        reason: b.reason,
      }))
      if (o.json === true)
        ctx.io.stdout.write(
          `${JSON.stringify({ at: o.at, openJourneys: open.length, journeysChanged: touched, events: written, skipped }, null, 2)}\n`,
        )
      else {
        const detail = Object.entries(written)
          .map(([type, n]) => `${n} ${type}`)
          .join(', ')
        ctx.io.stdout.write(
          `Time rules as of ${o.at}: ${open.length} open journeys checked, ${touched} changed${detail === '' ? '.' : ` (${detail}).`}\n`,
        )
      }
      for (const b of unreadable) ctx.io.stderr.write(`parcours: skipped ${describeStoreError(b)}\n`)
      if (unreadable.length > 0)
        throw infrastructureError(
          `${unreadable.length} event(s) cannot be decoded: their journeys were skipped, the others done (run 'parcours verify').`,
        )
    })
