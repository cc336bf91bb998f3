import { isAbsolute, resolve } from 'node:path'
import { usageError } from '../cli/errors.js'

// ---------------------------------------------------------------------------------------------
// model: which store a run uses, from `--store` or PARCOURS_STORE.
// ---------------------------------------------------------------------------------------------

/** The store a run uses. */
export type StoreSpec =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'esdb'; readonly connectionString: string }

/** Used when neither `--store` nor PARCOURS_STORE says otherwise. */
const DEFAULT_STORE = 'sqlite:./parcours.db'

const EXPECTED = 'Expected memory, sqlite:PATH or esdb://HOST:PORT?tls=false.'

/** Parses a store spec; relative SQLite paths resolve against `cwd`. Throws a usage error naming --store. */
export const parseStoreSpec = (value: string, cwd: string): StoreSpec => {
  if (value === 'memory') return { kind: 'memory' }
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length)
    if (path.length === 0) throw usageError(`--store: '${value}' names no file. ${EXPECTED}`)
    return { kind: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) }
  }
  if (value.startsWith('esdb://') || value.startsWith('esdb+discover://')) {
    if (value.length <= value.indexOf('//') + 2)
      throw usageError(`--store: '${value}' names no host. ${EXPECTED}`)
    return { kind: 'esdb', connectionString: value }
  }
  throw usageError(`--store: '${value}' is not a store. ${EXPECTED}`)
}

/** The store spec of a run: the flag, else the environment (when set and not empty), else the default. */
export const storeSpecFrom = (
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): StoreSpec => parseStoreSpec(flag ?? (env['PARCOURS_STORE'] || undefined) ?? DEFAULT_STORE, cwd)

/**
 * Where personal-data keys live beside a store: a separate file, never the event store itself —
 * `PATH.keys` beside `sqlite:PATH`; for EventStoreDB, PARCOURS_KEYS or `./parcours.keys`.
 */
export const keyStorePathFor = (
  spec: StoreSpec,
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = {},
): string | undefined =>
  spec.kind === 'sqlite'
    ? `${spec.path}.keys`
    : spec.kind === 'esdb'
      ? resolve(cwd, env['PARCOURS_KEYS'] || 'parcours.keys')
      : undefined

/**
 * Where the access log lives beside a store: `PATH.access` beside `sqlite:PATH`; for EventStoreDB,
 * PARCOURS_ACCESS_LOG or `./parcours.access`; in memory with the memory store.
 */
export const accessLogPathFor = (
  spec: StoreSpec,
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = {},
): string | undefined =>
  spec.kind === 'sqlite'
    ? `${spec.path}.access`
    : spec.kind === 'esdb'
      ? resolve(cwd, env['PARCOURS_ACCESS_LOG'] || 'parcours.access')
      : undefined

/** Where read models live beside a store. */
export const projectionPathFor = (spec: StoreSpec, cwd: string): string | undefined =>
  spec.kind === 'sqlite'
    ? `${spec.path}.projections`
    : spec.kind === 'esdb'
      ? resolve(cwd, 'parcours.projections')
      : undefined

/** A file beside a store (`PATH.suffix`; `parcours.suffix` in the working directory for EventStoreDB); none for a memory store. */
const besideStore =
  (suffix: string) =>
  (spec: StoreSpec, cwd: string): string | undefined =>
    spec.kind === 'sqlite'
      ? `${spec.path}.${suffix}`
      : spec.kind === 'esdb'
        ? resolve(cwd, `parcours.${suffix}`)
        : undefined

/** Where the training catalogue (LHEO imports) lives beside a store; none for a memory store. */
export const trainingCataloguePathFor = besideStore('trainings')

/** Where the offer catalogue (France Travail's job offers) lives beside a store; none for a memory store. */
export const offerCataloguePathFor = besideStore('offers')

/** Where the partner inbox (fingerprints, failures, counters of the inbound flows) lives beside a store. */
export const partnerInboxPathFor = besideStore('inbox')

/** Where the outreach cases (school dropout lists) live beside a SQLite store; none otherwise (memory, or the EventStoreDB server itself). */
export const outreachStorePathFor = (spec: StoreSpec): string | undefined =>
  spec.kind === 'sqlite' ? `${spec.path}.outreach` : undefined

/** How the spec reads in messages (no credentials from a connection string). */
export const describeStore = (spec: StoreSpec): string =>
  spec.kind === 'memory'
    ? 'memory'
    : spec.kind === 'sqlite'
      ? `sqlite:${spec.path}`
      : spec.connectionString.replace(/\/\/[^@/]*@/, '//***@')
