import { randomUUID } from 'node:crypto'
import { InvalidArgumentError } from '@commander-js/extra-typings'
import { isLeft } from 'fp-ts/lib/Either.js'
import { rectifyIdentity, type RectifyIdentityError } from '@parcours/adapters'
import type { MissionLocaleId, YouthId } from '@parcours/domain'
import { usageError, type CliError } from '../cli/errors.js'
import { parseId, parseText } from '../cli/parse.js'
import { accessDenied, accessLogFailure } from '../store/access.js'
import { journeyFailure } from '../store/errors.js'
import type { CommandModule } from './commandModule.js'
import { dateOrToday } from './journey/index.js'

const CLEARABLE = ['email', 'phone', 'address'] as const

const parseClear = (value: string): ReadonlyArray<(typeof CLEARABLE)[number]> => {
  const fields = value.split(',').map((f) => f.trim())
  for (const f of fields)
    if (!(CLEARABLE as ReadonlyArray<string>).includes(f))
      throw new InvalidArgumentError(`Expected a comma-separated list of: ${CLEARABLE.join(', ')}.`)
  return fields as ReadonlyArray<(typeof CLEARABLE)[number]>
}

const failure = (e: RectifyIdentityError): CliError => {
  switch (e._tag) {
    case 'AccessDenied':
      return accessDenied(e)
    case 'AccessLogUnavailable':
    case 'AccessLogTampered':
      return accessLogFailure(e)
    case 'NoCorrection':
      return usageError(
        `nothing to correct for ${e.youthId}: give --first-name, --last-name, --email, --phone, --address or --clear with a value other than the one held; nothing was written.`,
      )
    default:
      return journeyFailure(e)
  }
}

/**
 * `parcours rectify`: corrects a young person's identity (names, contact) — the whole corrected
 * identity is sealed with their key into IdentityRectified; the opening is logged.
 */
export const register: CommandModule['register'] = (command, ctx) =>
  command
    .requiredOption('--youth <id>', 'the young person', parseId)
    .requiredOption('--mission-locale <id>', 'the mission locale holding the journey', parseId)
    .option('--first-name <name>', 'the corrected first name (sealed)', parseText)
    .option('--last-name <name>', 'the corrected last name (sealed)', parseText)
    .option('--email <email>', 'the corrected e-mail address (sealed)', parseText)
    .option('--phone <phone>', 'the corrected phone number (sealed)', parseText)
    .option('--address <address>', 'the corrected postal address (sealed)', parseText)
    .option('--clear <fields>', `remove these fields (${CLEARABLE.join(', ')}; comma-separated)`, parseClear)
    .addOption(dateOrToday('--on <date>', 'date of the rectification'))
    .option('--command-id <id>', 'id that makes a retry idempotent (generated when absent)', parseId)
    .option('--json', 'print the result as JSON')
    .action(async (o, cmd) => {
      const corrections: Record<string, string> = {}
      for (const field of o.clear ?? []) corrections[field] = ''
      for (const field of ['firstName', 'lastName', 'email', 'phone', 'address'] as const) {
        const value = o[field]
        if (value === undefined) continue
        if (corrections[field] === '')
          throw usageError(`--${field} and --clear ${field} contradict each other.`)
        corrections[field] = value
      }
      const session = ctx.session(cmd)
      const env = await ctx.openStore(cmd, { mustExist: true })
      const result = await rectifyIdentity({
        store: env.store,
        vault: env.vault,
        handle: env.handle,
        accessLog: env.accessLog,
        actor: session.actor,
        policy: session.policy,
        youthId: o.youth as YouthId,
        missionLocaleId: o.missionLocale as MissionLocaleId,
        on: o.on,
        commandId: o.commandId ?? `cli-${randomUUID()}`,
        corrections: corrections,
        at: new Date().toISOString(),
      })()
      if (isLeft(result)) throw failure(result.left)
      const r = result.right
      env.logger.info({ youthId: r.youthId, changed: r.changed }, 'identity rectified')
      if (o.json === true)
        ctx.io.stdout.write(
          `${JSON.stringify({ youthId: r.youthId, changed: r.changed, revision: Number(r.revision), replayed: r.replayed }, null, 2)}\n`,
        )
      else
        ctx.io.stdout.write(
          `Identity of ${r.youthId} rectified (${r.changed.join(', ')}): IdentityRectified@${r.revision}, sealed.\n`,
        )
    })
