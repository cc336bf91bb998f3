import { createRequire } from 'node:module'
import { EventStoreDBClient } from '@eventstore/db-client'
import { describe, expect, it } from 'vitest'
import { testEventCodec } from '../testing/index.js'
import { getEventStoreDBEventStore } from './getEventStoreDBEventStore.js'
import { clientShapeError, PINNED_CLIENT_VERSION } from './rawRead.js'

// rawRead.ts uses members the client declares protected. These tests fail, loudly and first, when
// the installed client is not the version it was written against or no longer has those members:
// re-read rawRead.ts against the new client before changing the pin.
describe('the client internals rawRead.ts relies on', () => {
  const client = () => EventStoreDBClient.connectionString('esdb://127.0.0.1:1?tls=false')

  it(`the installed @eventstore/db-client is the pinned ${PINNED_CLIENT_VERSION}, in package.json too`, () => {
    const require = createRequire(import.meta.url)
    const installed = require('@eventstore/db-client/package.json') as { version: string }
    const ours = require('../../package.json') as { dependencies: Record<string, string> }
    expect(installed.version).toBe(PINNED_CLIENT_VERSION)
    expect(ours.dependencies['@eventstore/db-client']).toBe(PINNED_CLIENT_VERSION)
  })

  it('a client has GRPCStreamCreator (3 arguments and a cache) and callArguments (options, call options)', () => {
    const members = client() as unknown as Record<string, unknown>
    expect(typeof members['GRPCStreamCreator']).toBe('function')
    expect((members['GRPCStreamCreator'] as (...args: unknown[]) => unknown).length).toBe(4)
    expect(typeof members['callArguments']).toBe('function')
    expect((members['callArguments'] as (...args: unknown[]) => unknown).length).toBe(2)
    expect(clientShapeError(client())).toBeUndefined()
  })

  it('a client without them makes a store that answers every call with one clear StoreUnavailable', async () => {
    const changed = Object.assign(client(), { GRPCStreamCreator: undefined }) as EventStoreDBClient
    expect(clientShapeError(changed)).toContain('GRPCStreamCreator')
    const store = getEventStoreDBEventStore({ client: changed, codec: testEventCodec })
    const read = await store.readAll()()
    expect(read).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable' } })
    expect(read._tag === 'Left' && 'message' in read.left ? read.left.message : '').toContain(
      `needs version ${PINNED_CLIENT_VERSION}`,
    )
    await store.close()
  })
})
