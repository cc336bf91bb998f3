import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { left, right } from 'fp-ts/lib/Either.js'
import type { FeedClient, FeedRequestFailed, NoticeHandler } from './feedClient.js'
import type { PartnerNotice } from './queryFeed.js'

// ---------------------------------------------------------------------------------------------
// a simulated partner app (the CEJ companion app, say) for tests and the demo: it processes each
// notice once, remembering what it processed in a journal file it writes before it acknowledges,
// so a notice given again after a crash (at least once) is recognised and not processed twice.
// It can be told to crash after so many notices: from then on it processes nothing and sends
// nothing — the acknowledgement of what it processed last never leaves, as when a process dies.
// ---------------------------------------------------------------------------------------------

/** What the app holds: every notice it processed, in order, and the notices it was given again. */
export interface SimulatedPartnerApp {
  readonly handle: NoticeHandler
  /** The notices processed, in order (across restarts: read back from the journal). */
  readonly processed: () => ReadonlyArray<PartnerNotice>
  /** Notices given again that the app had processed already (skipped). */
  readonly redelivered: () => ReadonlyArray<string>
  /** Whether it has crashed. */
  readonly crashed: () => boolean
  /** The app's connection to the feed: once it has crashed, nothing it sends arrives. */
  readonly connect: (client: FeedClient) => FeedClient
}

const dead = async () =>
  left<FeedRequestFailed, never>({
    _tag: 'FeedRequestFailed',
    status: null,
    error: 'Crashed',
    message: 'the app crashed',
  })

/** The app, journaling into `journal` (JSON lines); `crashAfter` processed notices, it fails every one after. */
export const createSimulatedPartnerApp = (options: {
  readonly journal: string
  readonly crashAfter?: number
}): SimulatedPartnerApp => {
  const processed: PartnerNotice[] = existsSync(options.journal)
    ? readFileSync(options.journal, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as PartnerNotice)
    : []
  const seen = new Set(processed.map((n) => n.id))
  const redelivered: string[] = []
  let processedHere = 0
  const crashed = () => options.crashAfter !== undefined && processedHere >= options.crashAfter
  return {
    handle: async (notice) => {
      if (seen.has(notice.id)) {
        redelivered.push(notice.id)
        return right('already processed')
      }
      if (crashed()) return left({ reason: `crashed after ${options.crashAfter} notices` })
      appendFileSync(options.journal, `${JSON.stringify(notice)}\n`)
      seen.add(notice.id)
      processed.push(notice)
      processedHere++
      return right('processed')
    },
    processed: () => processed,
    redelivered: () => redelivered,
    crashed,
    connect: (client) => ({
      page: (q) => (crashed() ? dead : client.page(q)),
      ack: (position) => (crashed() ? dead : client.ack(position)),
    }),
  }
}
