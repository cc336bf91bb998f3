import { serve } from '@hono/node-server'
import type { Hono } from 'hono'
import type { ServeEnv } from './http/serveEnv.js'

// ---------------------------------------------------------------------------------------------
// the HTTP server of the web module, on Node's http (through @hono/node-server)
// ---------------------------------------------------------------------------------------------

/** A running server: its address, and how to stop it. */
export interface RunningServer {
  readonly url: string
  readonly close: () => Promise<void>
}

/** Listens on `host:port` (port 0: a free one) until `close`. */
export const startServer = (app: Hono<ServeEnv>, host: string, port: number): Promise<RunningServer> =>
  new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address
      resolve({
        url: `http://${shown}:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((e) => (e === undefined ? done() : fail(e)))
            if ('closeAllConnections' in server) server.closeAllConnections()
          }),
      })
    })
    server.once('error', reject)
  })
