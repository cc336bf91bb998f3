import * as t from 'io-ts'
import type { EventMetadata } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// model: the metadata JSON stored beside each event. The schema version lives here so that a
// store with no column for it (EventStoreDB) keeps it too.
// ---------------------------------------------------------------------------------------------

/** The stored metadata: the schema version plus the optional correlation, causation and tenant. */
export const StoredMetadata = t.intersection(
  [
    t.type({ schemaVersion: t.number }),
    t.partial({ correlationId: t.string, causationId: t.string, tenant: t.string }),
  ],
  'StoredMetadata',
)
export type StoredMetadata = t.TypeOf<typeof StoredMetadata>

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/** The metadata JSON for an event written with this schema version. */
export const storedMetadataJson = (schemaVersion: number, metadata: EventMetadata | undefined): string =>
  JSON.stringify({
    schemaVersion,
    ...(metadata?.correlationId === undefined ? {} : { correlationId: metadata.correlationId }),
    ...(metadata?.causationId === undefined ? {} : { causationId: metadata.causationId }),
    ...(metadata?.tenant === undefined ? {} : { tenant: metadata.tenant }),
  })

/** The event metadata part of stored metadata (without the schema version). */
export const toEventMetadata = (stored: StoredMetadata): EventMetadata => ({
  ...(stored.correlationId === undefined ? {} : { correlationId: stored.correlationId }),
  ...(stored.causationId === undefined ? {} : { causationId: stored.causationId }),
  ...(stored.tenant === undefined ? {} : { tenant: stored.tenant }),
})
