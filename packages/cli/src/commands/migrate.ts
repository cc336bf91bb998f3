import { rmSync } from 'node:fs'
import { isLeft } from 'fp-ts/lib/Either.js'
import { readStoredEvents, rewriteStoredEvents, type RewrittenEvent } from '@parcours/adapters'
import { journeyEventCodec, journeyEventVersions, type Sealed, type YouthRegistered } from '@parcours/domain'
import { infrastructureError, usageError } from '../cli/errors.js'
import { authorize } from '../store/access.js'
import { vaultFailure } from '../store/errors.js'
import type { StoreEnv } from '../store/openStore.js'
import type { CommandModule } from './commandModule.js'

// ---------------------------------------------------------------------------------------------
// `parcours migrate`: brings a SQLite store written by an older version forward, in place
// ---------------------------------------------------------------------------------------------

const current = journeyEventVersions.YouthRegistered

// The age limits an old registration held in clear, sealed with the young person's key; none
// once that key was erased (nothing can be sealed for them, and nothing needs the limits).
const sealedLimitsOf = async (env: StoreEnv, event: YouthRegistered): Promise<Sealed | null> => {
  if (event.legacyAgeLimits === undefined) return event.sealedAgeLimits
  const sealed = await env.vault.seal(event.youthId, event.legacyAgeLimits)()
  if (isLeft(sealed)) {
    if (sealed.left._tag === 'KeyErased') return null
    throw vaultFailure(sealed.left)
  }
  return sealed.right
}

/** Rewrites every old YouthRegistered: age limits sealed, age as its band; the read models are dropped. */
const migrateSqlite = async (env: StoreEnv, path: string): Promise<number> => {
  const rows = readStoredEvents(path, 'YouthRegistered', current)
  if (isLeft(rows)) throw infrastructureError(`cannot read ${path}: ${rows.left.message}`)
  const rewritten: RewrittenEvent[] = []
  for (const row of rows.right) {
    const decoded = journeyEventCodec.decode({
      type: row.eventType,
      schemaVersion: row.schemaVersion,
      data: row.data,
    })
    if (isLeft(decoded))
      throw infrastructureError(
        `${row.streamName} (position ${row.position}) does not decode (${decoded.left._tag}${'paths' in decoded.left ? `: ${decoded.left.paths.join('; ')}` : ''}); nothing was migrated.`,
      )
    const { legacyAgeLimits: _clear, ...event } = decoded.right as YouthRegistered
    const encoded = journeyEventCodec.encode({
      ...event,
      sealedAgeLimits: await sealedLimitsOf(env, decoded.right as YouthRegistered),
    })
    if (isLeft(encoded)) throw infrastructureError(`${row.streamName}: ${encoded.left._tag}`)
    rewritten.push({
      position: row.position,
      schemaVersion: encoded.right.schemaVersion,
      data: encoded.right.data,
    })
  }
  const done = rewriteStoredEvents(path, rewritten)
  if (isLeft(done)) throw infrastructureError(`cannot rewrite ${path}: ${done.left.message}`)
  // The read models of the old version may hold the clear dates: they are rebuilt from the log.
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}.projections${suffix}`, { force: true })
  return done.right
}

/** `parcours migrate`: brings the store forward to this version's event schemas. */
export const register: CommandModule['register'] = (command, ctx) =>
  command.option('--json', 'print the result as JSON').action(async (o, cmd) => {
    authorize(ctx.session(cmd), { kind: 'maintain-store', task: 'migrate' })
    const env = await ctx.openStore(cmd, { mustExist: true })
    if (env.spec.kind !== 'sqlite')
      throw usageError(
        '--store: migrate rewrites a SQLite store in place; an EventStoreDB log is immutable and is read through the upcasters (see the README).',
      )
    const migrated = await migrateSqlite(env, env.spec.path)
    if (o.json === true)
      ctx.io.stdout.write(
        `${JSON.stringify({ youthRegistered: migrated, schemaVersion: current }, null, 2)}\n`,
      )
    else
      ctx.io.stdout.write(
        `Migrated ${migrated} YouthRegistered event(s) to schema version ${current}: age limits sealed, age kept as its band; read models removed (rebuilt at the next query).\n`,
      )
  })
