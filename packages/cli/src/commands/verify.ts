import { infrastructureError } from '../cli/errors.js'
import { authorize } from '../store/access.js'
import { describeStoreError } from '../store/errors.js'
import { scanLog } from '../store/scanLog.js'
import type { CommandModule } from './commandModule.js'

/** `parcours verify`: decodes every stored event and lists the bad ones (exit 3 if any). */
export const register: CommandModule['register'] = (command, ctx) =>
  command.option('--json', 'print the result as JSON').action(async (o, cmd) => {
    authorize(ctx.session(cmd), { kind: 'maintain-store', task: 'verify' })
    const env = await ctx.openStore(cmd, { mustExist: true })
    const streams = new Set<string>()
    const scan = await scanLog(env.store, (r) => void streams.add(r.streamName))
    const bad = scan.bad.map((b) => ({
      streamName: b.streamName,
      revision: Number(b.revision),
      position: String(b.position),
      eventType: b.eventType,
      reason: b.reason,
      paths: b.paths,
    }))
    if (o.json === true)
      ctx.io.stdout.write(`${JSON.stringify({ events: scan.events, streams: streams.size, bad }, null, 2)}\n`)
    else {
      ctx.io.stdout.write(`${scan.events} events in ${streams.size} streams decode.\n`)
      for (const b of scan.bad) ctx.io.stdout.write(`BAD ${describeStoreError(b)}\n`)
    }
    if (scan.bad.length > 0) throw infrastructureError(`${scan.bad.length} stored event(s) fail to decode.`)
  })
