import { randomUUID } from 'node:crypto'
import { EventStoreDBClient, jsonEvent, type JSONEventType, type ResolvedEvent } from '@eventstore/db-client'
import { startEsdbStandIn, type EsdbStandIn, type EsdbStandInSettings } from './startEsdbStandIn.js'

// ---------------------------------------------------------------------------------------------
// utils for the fidelity tests: the real client against a stand-in, and unique stream names.
// ---------------------------------------------------------------------------------------------

/** A stand-in and a client connected to it. */
export interface Connected {
  readonly standIn: EsdbStandIn
  readonly client: EventStoreDBClient
  readonly close: () => Promise<void>
}

/** Starts a stand-in (BatchAppend offered unless the settings say otherwise) and connects the real client. */
export const connect = async (settings: EsdbStandInSettings = {}): Promise<Connected> => {
  const standIn = await startEsdbStandIn(settings)
  const client = EventStoreDBClient.connectionString(standIn.connectionString)
  return {
    standIn,
    client,
    close: async () => {
      await client.dispose()
      await standIn.stop()
    },
  }
}

/** A stream name no other test uses. */
export const uniqueStream = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`

/** JSON events with fresh ids. */
export const events = (count: number, type = 'Happened') =>
  Array.from({ length: count }, (_, i) =>
    jsonEvent<JSONEventType>({ id: randomUUID(), type, data: { n: i } }),
  )

/** Everything a read returns, or the error it throws. */
export const readAllOf = async (
  read: AsyncIterable<ResolvedEvent>,
): Promise<ReadonlyArray<ResolvedEvent>> => {
  const out: Array<ResolvedEvent> = []
  for await (const e of read) out.push(e)
  return out
}

/** The error a promise rejects with (fails when it resolves). */
export const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

/** The two append paths of the client: BatchAppend when the server offers it, Append otherwise. */
export const appendPaths = [
  { path: 'BatchAppend', batchAppend: true },
  { path: 'Append', batchAppend: false },
] as const
