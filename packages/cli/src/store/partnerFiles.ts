import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { isLeft } from 'fp-ts/lib/Either.js'
import {
  createProjectionRunner,
  type ExtractReadModel,
  partnerFilesProjection,
  type ProjectionSink,
} from '@parcours/projections'
import type { RunContext, WithGlobals } from '../cli/context.js'
import { infrastructureError, usageError } from '../cli/errors.js'
import type { StoreEnv } from './openStore.js'
import { openSink, projectionFailure, readModelOf } from './readModels.js'

// ---------------------------------------------------------------------------------------------
// the outbound files' side of a run: their read model (its own runner, scope `partner-files`,
// beside the other read models) and the key the DARES pseudonyms are made with
// ---------------------------------------------------------------------------------------------

/** Opens the store and brings the outbound files' read model up to date. */
export const partnerFilesReadModel = async (
  ctx: RunContext,
  cmd: WithGlobals,
): Promise<{ readonly env: StoreEnv; readonly sink: ProjectionSink; readonly rm: ExtractReadModel }> => {
  const env = await ctx.openStore(cmd, { mustExist: true })
  const sink = openSink(env, ctx.io.cwd)
  ctx.onDispose(sink.close)
  const runner = createProjectionRunner({
    store: env.store,
    projections: [partnerFilesProjection],
    sink,
    name: 'partner-files',
    onDecodeFailure: 'park',
    holdReadModels: false,
    logger: env.logger,
  })
  const run = await runner.catchUp()()
  if (isLeft(run)) throw projectionFailure(run.left)
  return { env, sink, rm: await readModelOf(sink, partnerFilesProjection) }
}

/** Where the pseudonym key lives: `--key`, else beside a SQLite store, else ./parcours.pseudonym-key. */
export const pseudonymKeyPath = (given: string | undefined, env: StoreEnv, cwd: string): string =>
  resolve(
    cwd,
    given ?? (env.spec.kind === 'sqlite' ? `${env.spec.path}.pseudonym-key` : 'parcours.pseudonym-key'),
  )

/**
 * The key of the DARES pseudonyms, created (32 random bytes, readable by its owner only) the first
 * time: the same key every month makes the same pseudonym of the same young person; without it
 * nobody can link a pseudonym back to the young person's id.
 */
export const pseudonymKey = (path: string): Buffer => {
  if (!existsSync(path)) {
    try {
      writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 })
    } catch (e) {
      throw infrastructureError(`cannot create the pseudonym key ${path}: ${(e as Error).message}`)
    }
  }
  const hex = readFileSync(path, 'utf8').trim()
  if (!/^[0-9a-f]{64}$/.test(hex)) throw usageError(`${path} is not a pseudonym key (64 hex digits).`)
  return Buffer.from(hex, 'hex')
}
