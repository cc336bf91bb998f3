import type { ServerWritableStream } from '@grpc/grpc-js'

// ---------------------------------------------------------------------------------------------
// utils: writing to a server stream the way a server must — waiting for 'drain' when the client
// reads slower than we write, and stopping when it cancels.
// ---------------------------------------------------------------------------------------------

/** Whether the call is over (cancelled by the client, or closed). */
export const isOver = (call: ServerWritableStream<unknown, unknown>): boolean =>
  call.cancelled || call.destroyed || call.writableEnded

/** Writes one message, waiting for the client to drain a full buffer. False once the call is over. */
export const send = async <Res>(call: ServerWritableStream<unknown, Res>, message: Res): Promise<boolean> => {
  if (isOver(call)) return false
  if (call.write(message)) return true
  await new Promise<void>((resolve) => {
    const done = (): void => {
      call.off('drain', done)
      call.off('cancelled', done)
      call.off('close', done)
      resolve()
    }
    call.on('drain', done)
    call.on('cancelled', done)
    call.on('close', done)
  })
  return !isOver(call)
}
