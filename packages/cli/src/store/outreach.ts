import { isLeft } from 'fp-ts/lib/Either.js'
import {
  createOutreachCommandHandler,
  getEventStoreDBEventStore,
  getInMemoryEventStore,
  getSqliteEventStore,
  type OutreachCommandHandler,
} from '@parcours/adapters'
import {
  foldOutreachCase,
  OUTREACH_STREAM_PREFIX,
  outreachEventCodec,
  outreachStreamName,
  type EventStore,
  type OutreachCaseId,
  type OutreachCaseOpened,
  type OutreachEvent,
  type OutreachState,
} from '@parcours/domain'
import type { RunContext, WithGlobals } from '../cli/context.js'
import { infrastructureError } from '../cli/errors.js'
import { describeStoreError } from './errors.js'
import type { StoreEnv } from './openStore.js'
import { outreachStorePathFor } from './storeSpec.js'

// ---------------------------------------------------------------------------------------------
// the outreach cases of a run: their own event store beside the journeys' (PATH.outreach for
// SQLite, the `outreach-` streams of the same EventStoreDB server, memory with a memory store)
// ---------------------------------------------------------------------------------------------

/** The outreach store and its command handler; closed when the run ends. */
export interface OutreachEnv {
  readonly store: EventStore<OutreachEvent>
  readonly handle: OutreachCommandHandler
}

const opened = new WeakMap<StoreEnv, OutreachEnv>()

/** Opens the outreach cases beside the run's store (once per opened store). */
export const openOutreach = (ctx: RunContext, cmd: WithGlobals, env: StoreEnv): OutreachEnv => {
  const known = opened.get(env)
  if (known !== undefined) return known
  const spec = ctx.storeSpec(cmd)
  const codec = outreachEventCodec
  const logger = env.logger
  const path = outreachStorePathFor(spec)
  const store: EventStore<OutreachEvent> =
    spec.kind === 'esdb'
      ? getEventStoreDBEventStore({
          connectionString: spec.connectionString,
          codec,
          logger,
          categories: [OUTREACH_STREAM_PREFIX],
        })
      : path === undefined
        ? getInMemoryEventStore({ codec, logger })
        : getSqliteEventStore({ path, codec, logger })
  ctx.onDispose(() => store.close())
  const outreach = { store, handle: createOutreachCommandHandler({ store, logger }) }
  opened.set(env, outreach)
  return outreach
}

/** Every case's state, in stream order of opening (a store that fails: exit 3). */
export const outreachCases = async (o: OutreachEnv): Promise<ReadonlyArray<OutreachState>> => {
  const all = await o.store.readAll()()
  if (isLeft(all)) throw infrastructureError(describeStoreError(all.left))
  const byCase = new Map<string, OutreachEvent[]>()
  for (const r of all.right) {
    const list = byCase.get(r.streamName) ?? []
    list.push(r.event)
    byCase.set(r.streamName, list)
  }
  return [...byCase.values()].map(foldOutreachCase)
}

/** One case's state (NoCase when there is none) and the event that opened it (its sealed identity). */
export const outreachCase = async (
  o: OutreachEnv,
  caseId: OutreachCaseId,
): Promise<{ readonly state: OutreachState; readonly opened: OutreachCaseOpened | undefined }> => {
  const read = await o.store.readStream(outreachStreamName(caseId))()
  if (isLeft(read)) throw infrastructureError(describeStoreError(read.left))
  const events = read.right.map((r) => r.event)
  const opened = events.find((e): e is OutreachCaseOpened => e.type === 'OutreachCaseOpened')
  return { state: foldOutreachCase(events), opened }
}
