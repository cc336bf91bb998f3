import { existsSync, rmSync } from 'node:fs'
import { isLeft } from 'fp-ts/lib/Either.js'
import { JOURNEY_STREAM_PREFIX } from '@parcours/domain'
import { infrastructureError, usageError } from '../cli/errors.js'
import { describeStoreError } from './errors.js'
import type { StoreEnv } from './openStore.js'
import {
  accessLogPathFor,
  describeStore,
  keyStorePathFor,
  projectionPathFor,
  type StoreSpec,
  trainingCataloguePathFor,
  offerCataloguePathFor,
  partnerInboxPathFor,
} from './storeSpec.js'

// ---------------------------------------------------------------------------------------------
// a fresh store for the demo: never mixed with existing journeys
// ---------------------------------------------------------------------------------------------

const sqliteFiles = (path: string): ReadonlyArray<string> => [
  path,
  `${path}-wal`,
  `${path}-shm`,
  `${path}-journal`,
]

/** Deletes a SQLite store with its key and read-model files (for `demo --reset`). */
export const deleteSqliteStore = (spec: StoreSpec, cwd: string): void => {
  if (spec.kind !== 'sqlite') return
  const files = [
    spec.path,
    keyStorePathFor(spec, cwd),
    projectionPathFor(spec, cwd),
    accessLogPathFor(spec, cwd),
    trainingCataloguePathFor(spec, cwd),
    offerCataloguePathFor(spec, cwd),
    partnerInboxPathFor(spec, cwd),
  ].flatMap((p) => (p === undefined ? [] : sqliteFiles(p)))
  for (const file of files) if (existsSync(file)) rmSync(file)
}

/** Refuses (exit 2) when the store already holds events: the demo writes into an empty store only. */
export const ensureEmpty = async (env: StoreEnv): Promise<void> => {
  // The question the demo asks: are there journeys? Other applications' streams may share the store.
  const head = await env.store.readAll({ maxCount: 1, filter: { streamPrefixes: [JOURNEY_STREAM_PREFIX] } })()
  if (isLeft(head)) throw infrastructureError(describeStoreError(head.left))
  if (head.right.length > 0)
    throw usageError(
      env.spec.kind === 'sqlite'
        ? `--store: ${describeStore(env.spec)} already holds journeys. Pass --reset to replace it with a fresh demo, or choose another file.`
        : `--store: ${describeStore(env.spec)} already holds events; the demo needs an empty store.`,
    )
}
