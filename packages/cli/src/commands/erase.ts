import { isLeft } from 'fp-ts/lib/Either.js'
import { describeVaultError, erasePersonalData } from '@parcours/adapters'
import type { MissionLocaleId, YouthId } from '@parcours/domain'
import { confirmOrRefuse } from '../cli/confirm.js'
import { infrastructureError } from '../cli/errors.js'
import { parseId } from '../cli/parse.js'
import { authorizeCommand } from '../store/access.js'
import { erasureFailure } from '../store/errors.js'
import type { CommandModule } from './commandModule.js'
import { dateOrToday } from './journey/index.js'

/**
 * `parcours erase`: crypto-shredding — the key that sealed the young person's data is destroyed in
 * the key store holding it, then PersonalDataErased is recorded; a key store that does not hold it
 * (missing, empty, another one) is exit 3 and nothing is recorded. `--dry-run` says what it would
 * do; otherwise it asks on a terminal, and off one it needs `--yes`.
 */
export const register: CommandModule['register'] = (command, ctx) =>
  command
    .requiredOption('--youth <id>', 'the young person', parseId)
    .requiredOption('--mission-locale <id>', 'the mission locale holding the journey', parseId)
    .addOption(dateOrToday('--on <date>', 'date of the erasure'))
    .option(
      '--command-id <id>',
      'id that makes a retry idempotent (default: derived from the young person)',
      parseId,
    )
    .option('--json', 'print the result as JSON')
    .option('--dry-run', 'say what would be erased, change nothing')
    .option('--yes', 'erase without asking (scripts: required when not on a terminal)')
    .action(async (o, cmd) => {
      const session = ctx.session(cmd)
      const env = await ctx.openStore(cmd, { mustExist: true })
      await authorizeCommand(session, env, {
        type: 'ErasePersonalData',
        youthId: o.youth as YouthId,
        missionLocaleId: o.missionLocale as MissionLocaleId,
        on: o.on,
      })
      if (o.dryRun === true) {
        const key = await env.keyStore.get(o.youth as YouthId)()
        const already = isLeft(key) && key.left._tag === 'KeyErased'
        if (isLeft(key) && !already)
          throw infrastructureError(`${describeVaultError(key.left)}; nothing would be erased.`)
        const plan = {
          dryRun: true,
          youthId: o.youth,
          missionLocaleId: o.missionLocale,
          keyId: isLeft(key) ? null : key.right.keyId,
          alreadyErased: already,
        }
        if (o.json === true) return void ctx.io.stdout.write(`${JSON.stringify(plan, null, 2)}\n`)
        return void ctx.io.stdout.write(
          already
            ? `Dry run: the personal data of ${o.youth} is already erased; erase would change nothing.\n`
            : `Dry run: erase would delete key ${plan.keyId} of ${o.youth} (${o.missionLocale}) from ${env.keyStoreName} and record PersonalDataErased; nothing was changed.\n`,
        )
      }
      await confirmOrRefuse(ctx.io, o.yes === true, {
        what: `Erase the personal data of ${o.youth} (${o.missionLocale})`,
        answer: o.youth,
        offTerminal: 'refuse',
      })
      const result = await erasePersonalData({
        vault: env.vault,
        handle: env.handle,
        store: env.store,
        youthId: o.youth as YouthId,
        missionLocaleId: o.missionLocale as MissionLocaleId,
        on: o.on,
        commandId: o.commandId ?? `erase-${o.youth}`,
      })()
      if (isLeft(result)) throw erasureFailure(result.left, env.keyStoreName)
      const r = result.right
      env.logger.info({ youthId: r.youthId, keyId: r.keyId }, 'personal data erased')
      if (o.json === true) ctx.io.stdout.write(`${JSON.stringify(r, null, 2)}\n`)
      else
        ctx.io.stdout.write(
          r.keyErasedNow || r.eventRecordedNow
            ? `Personal data of ${r.youthId} erased (key ${r.keyId} deleted, PersonalDataErased recorded).\n`
            : `Personal data of ${r.youthId} was already erased (key ${r.keyId}); nothing changed.\n`,
        )
    })
