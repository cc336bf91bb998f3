import { EventEmitter } from 'node:events'
import type { ServerWritableStream } from '@grpc/grpc-js'
import { describe, expect, it } from 'vitest'
import { send } from './send.js'

/** A call whose buffer holds `room` messages until the test drains it. */
const fakeCall = (room: number) => {
  const call = Object.assign(new EventEmitter(), {
    cancelled: false,
    destroyed: false,
    writableEnded: false,
    written: [] as Array<number>,
    pending: 0,
    write(message: number) {
      call.written.push(message)
      call.pending += 1
      return call.pending < room
    },
    drain() {
      call.pending = 0
      call.emit('drain')
    },
  })
  return call
}
const asCall = (call: ReturnType<typeof fakeCall>) => call as unknown as ServerWritableStream<unknown, number>

describe('send (the stand-in writing to a client)', () => {
  it('waits for drain once the buffer is full, and writes nothing meanwhile', async () => {
    const call = fakeCall(2)
    expect(await send(asCall(call), 1)).toBe(true)
    let resolved = false
    const second = send(asCall(call), 2).then((ok) => {
      resolved = true
      return ok
    })
    // It waits on 'drain' (and on the call ending), not on time; pending work settles first.
    await Promise.resolve()
    expect(call.listenerCount('drain')).toBe(1)
    expect(resolved).toBe(false)
    expect(call.written).toEqual([1, 2])
    call.drain()
    expect(await second).toBe(true)
  })

  it('stops waiting, and says so, when the client cancels', async () => {
    const call = fakeCall(1)
    const pending = send(asCall(call), 1)
    call.cancelled = true
    call.emit('cancelled')
    expect(await pending).toBe(false)
    expect(await send(asCall(call), 2)).toBe(false)
    expect(call.written).toEqual([1])
  })
})
