import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { isLeft } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { PathReporter } from 'io-ts/lib/PathReporter.js'
import { Actor } from '@parcours/domain'
import {
  createPartnerFeed,
  type FeedPartner,
  getInMemoryCursorStore,
  getSqliteCursorStore,
  type PartnerFeed,
  type PartnerFeedError,
  type ProjectionSink,
} from '@parcours/projections'
import type { RunContext, WithGlobals } from '../cli/context.js'
import { type CliError, infrastructureError, usageError } from '../cli/errors.js'
import type { StoreEnv } from './openStore.js'
import { openSink, projectionFailure } from './readModels.js'
import { projectionPathFor } from './storeSpec.js'

// ---------------------------------------------------------------------------------------------
// the partner feed of a run: the partners file (who they are, their conventions and tokens), the
// feed over the run's store, read models and cursors (beside the read models, in their file)
// ---------------------------------------------------------------------------------------------

/** The partners file read when neither --partners nor PARCOURS_PARTNERS names one. */
export const DEFAULT_PARTNERS_FILE = 'parcours.partners.json'

// The partners file: each partner app as an actor (`{ kind: 'partner', id, convention }`, as the
// configuration file's "as" describes one) and the token it presents.
const PartnersFile = t.type(
  { partners: t.readonlyArray(t.type({ token: t.string, actor: Actor }, 'FeedPartnerEntry')) },
  'PartnersFile',
)

/** Reads the partners file; a missing or malformed file, or a short or shared token, is a usage error. */
export const readPartnersFile = (
  given: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): ReadonlyArray<FeedPartner> => {
  const path = resolve(cwd, given ?? (env['PARCOURS_PARTNERS'] || DEFAULT_PARTNERS_FILE))
  if (!existsSync(path))
    throw usageError(
      `partners file ${path} does not exist: list the partner apps and their conventions there.`,
    )
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (e) {
    throw usageError(`partners file ${path} cannot be read: ${(e as Error).message}`)
  }
  const decoded = PartnersFile.decode(raw)
  if (isLeft(decoded)) throw usageError(`partners file ${path}: ${PathReporter.report(decoded).join('; ')}`)
  const partners = decoded.right.partners.flatMap((p) =>
    p.actor.kind === 'partner' ? [{ token: p.token, actor: p.actor }] : [],
  )
  if (partners.length !== decoded.right.partners.length)
    throw usageError(`partners file ${path}: every actor must be of kind "partner".`)
  const ids = new Set(partners.map((p) => p.actor.id))
  const tokens = new Set(partners.map((p) => p.token))
  if (ids.size !== partners.length) throw usageError(`partners file ${path}: a partner id is listed twice.`)
  if (tokens.size !== partners.length || partners.some((p) => p.token.length < 16))
    throw usageError(`partners file ${path}: each partner needs its own token of 16 characters or more.`)
  return partners
}

/** A feed failure as a CLI error: an unknown partner or a bad position is the user's (exit 2). */
export const partnerFeedFailure = (e: PartnerFeedError): CliError => {
  switch (e._tag) {
    case 'UnknownPartner':
    case 'InvalidPosition':
      return usageError(e.message)
    case 'CursorStoreFailed':
      return infrastructureError(`partner cursors unavailable: ${e.message}`)
    default:
      return projectionFailure(e)
  }
}

/** Opens the run's store and the feed over it, for the partners of the partners file. */
export const openPartnerFeed = async (
  ctx: RunContext,
  cmd: WithGlobals,
  partnersFile: string | undefined,
): Promise<PartnerFeed> => {
  const partners = readPartnersFile(partnersFile, ctx.io.env, ctx.io.cwd)
  const env = await ctx.openStore(cmd, { mustExist: true })
  const sink = openSink(env, ctx.io.cwd)
  ctx.onDispose(sink.close)
  return partnerFeedOver(ctx, cmd, env, sink, partners)
}

/** The feed over a store and read models already open (its cursors beside the read models). */
export const partnerFeedOver = (
  ctx: RunContext,
  cmd: WithGlobals,
  env: StoreEnv,
  sink: ProjectionSink,
  partners: ReadonlyArray<FeedPartner>,
): PartnerFeed => {
  const path = projectionPathFor(env.spec, ctx.io.cwd)
  const cursors = path === undefined ? getInMemoryCursorStore() : getSqliteCursorStore({ path })
  ctx.onDispose(cursors.close)
  return createPartnerFeed({
    store: env.store,
    sink,
    cursors,
    partners,
    policy: ctx.access(cmd).policy,
    logger: env.logger,
  })
}
