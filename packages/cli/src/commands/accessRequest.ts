import { isLeft } from 'fp-ts/lib/Either.js'
import { exportSubjectData, type ExportSubjectDataError } from '@parcours/adapters'
import type { YouthId } from '@parcours/domain'
import type { CliError } from '../cli/errors.js'
import { parseId } from '../cli/parse.js'
import { reportFileFor, writeReportFile } from '../cli/reportFile.js'
import { accessDenied, accessLogFailure } from '../store/access.js'
import { journeyFailure, vaultFailure } from '../store/errors.js'
import type { CommandModule } from './commandModule.js'

const failure = (e: ExportSubjectDataError): CliError => {
  switch (e._tag) {
    case 'AccessDenied':
      return accessDenied(e)
    case 'AccessLogUnavailable':
    case 'AccessLogTampered':
      return accessLogFailure(e)
    case 'KeyNotFound':
    case 'KeyErased':
    case 'CorruptKey':
    case 'DecryptionFailed':
    case 'KeyStoreUnavailable':
      return vaultFailure(e)
    default:
      return journeyFailure(e)
  }
}

/**
 * `parcours access-request`: the answer to a young person's access request — everything held
 * about them, decrypted, as JSON, on stdout or into a file; a manager of the mission locale
 * holding the journey only, recorded in the access log before anything is written.
 */
export const register: CommandModule['register'] = (command, ctx) =>
  command
    .requiredOption('--youth <id>', 'the young person who asks', parseId)
    .option('--out <file>', 'write the export into FILE (readable by its owner only) instead of stdout')
    .option('--force', 'replace FILE even when it is not a previous subject access export')
    .action(async (o, cmd) => {
      const force = o.force === true
      // Checked before anything is opened: a file that is not a previous export is never replaced.
      const file =
        o.out === undefined ? undefined : reportFileFor('--out', 'subject-access', o.out, ctx.io.cwd, force)
      const session = ctx.session(cmd)
      const env = await ctx.openStore(cmd, { mustExist: true })
      const exported = await exportSubjectData({
        store: env.store,
        vault: env.vault,
        accessLog: env.accessLog,
        actor: session.actor,
        policy: session.policy,
        youthId: o.youth as YouthId,
        at: new Date().toISOString(),
      })()
      if (isLeft(exported)) throw failure(exported.left)
      env.logger.info({ youthId: o.youth }, 'subject access export')
      const content = `${JSON.stringify(exported.right, null, 2)}\n`
      if (file === undefined) ctx.io.stdout.write(content)
      else ctx.io.stdout.write(`${writeReportFile(file, content, ctx.io.cwd, force)}\n`)
    })
