import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getSqliteEventStore } from '@parcours/adapters'
import { type Actor, type EventStore, type JourneyEvent, journeyEventCodec } from '@parcours/domain'
import { getSqliteProjectionSink } from '../../sink/sqliteProjectionSink.js'
import { journey, record } from '../../testing/journeyBuilder.js'
import { appendAll } from '../../testing/storeSupport.js'
import { getSqliteCursorStore } from './cursorStore.js'
import { consumeToHead, createFeedClient, pollOnce } from './feedClient.js'
import { startFeedServer } from './feedServer.js'
import { createPartnerFeed, type FeedPartner } from './partnerFeed.js'
import { createSimulatedPartnerApp } from './simulatedPartnerApp.js'

// ---------------------------------------------------------------------------------------------
// The feed over HTTP on SQLite: a partner app that crashes in the middle of the feed, then a
// feed server that restarts, with nothing lost and nothing processed twice.
// ---------------------------------------------------------------------------------------------

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parcours-feed-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const partner = (id: string, token: string, missionLocaleIds: string[]): FeedPartner => ({
  token,
  actor: {
    kind: 'partner',
    id,
    convention: {
      conventionId: `cv-${id}`,
      missionLocaleIds,
      journeyFacts: true,
      identity: false,
      aggregates: false,
      commands: [],
    },
  } as unknown as Extract<Actor, { kind: 'partner' }>,
})
const partners = [partner('app-cej', 'token-cej', ['A']), partner('other', 'token-other', ['B'])]

// Twelve journeys, six per mission locale, interleaved: 4 notices each.
const history = (from: number, count: number) =>
  record(
    Array.from({ length: count }, (_, i) => {
      const n = from + i
      return journey(`y${n}`, n % 2 === 0 ? 'A' : 'B')
        .register('2025-01-10')
        .schedule('2025-01-10', `f${n}`, '2025-02-01')
        .kept('2025-02-01', `f${n}`)
        .offer('2025-02-02', `p${n}`, 'training', '2025-03-01').events
    }),
    Array.from({ length: 4 }, () => Array.from({ length: count }, (_, i) => i)).flat(),
  )

/** A feed server over the files in `dir`, as a restarted process would open them. */
const serve = async (store: EventStore<JourneyEvent>) => {
  const sink = getSqliteProjectionSink({ path: join(dir, 'store.db.projections') })
  const cursors = getSqliteCursorStore({ path: join(dir, 'store.db.projections') })
  const feed = createPartnerFeed({ store, sink, cursors, partners })
  const server = await startFeedServer({ feed })
  return {
    server,
    feed,
    stop: async () => {
      await server.close()
      cursors.close()
      await sink.close()
    },
  }
}

const ordered = (ids: ReadonlyArray<string>) => {
  const byJourney = new Map<string, number[]>()
  for (const id of ids) {
    const [j, r] = id.split(':') as [string, string]
    byJourney.set(j, [...(byJourney.get(j) ?? []), Number(r)])
  }
  return [...byJourney.values()].every((rs) => rs.every((r, i) => i === 0 || r > (rs[i - 1] ?? -1)))
}

describe('the feed over HTTP', () => {
  it('a partner app restarted in the middle of the feed loses nothing and processes nothing twice', async () => {
    const store = getSqliteEventStore({ path: join(dir, 'store.db'), codec: journeyEventCodec })
    await appendAll(store, history(0, 12))
    const { server, stop } = await serve(store)
    try {
      const client = createFeedClient({ baseUrl: server.url, token: 'token-cej' })
      const journal = join(dir, 'app-cej.journal')
      // The app processes 7 notices, the 7th in its second page, and dies before it acknowledges them.
      const first = createSimulatedPartnerApp({ journal, crashAfter: 7 })
      const run1 = await consumeToHead(first.connect(client), first.handle, 5)()
      const crashed = await pollOnce(first.connect(client), first.handle, 5)()
      if (isRight(run1)) throw new Error('the crashed app acknowledged its page')
      // Restarted from its journal: the server gives the unacknowledged notices again.
      const second = createSimulatedPartnerApp({ journal })
      const run2 = await consumeToHead(client, second.handle, 5)()
      if (isLeft(run2)) throw new Error(run2.left.message)
      const ids = second.processed().map((n) => n.id)
      const cursorAfter = await client.page({ limit: 1 })()
      const evidence = {
        visibleNotices: 24,
        beforeCrash: {
          processedPositions: first.processed().map((n) => n.position),
          ackSent: run1.left.error,
          nextPoll: isLeft(crashed) ? crashed.left.error : 'answered',
        },
        afterRestart: {
          redelivered: second.redelivered(),
          polls: run2.right.map((p) => ({ handled: p.handled, acked: p.acked })),
        },
        processed: ids.length,
        distinct: new Set(ids).size,
        cursor: isLeft(cursorAfter)
          ? cursorAfter.left.error
          : [cursorAfter.right.cursor, cursorAfter.right.head],
      }
      console.log(`feed consumer restart: ${JSON.stringify(evidence)}`)
      expect(isLeft(crashed) && crashed.left.error).toBe('Crashed')
      expect(first.processed()).toHaveLength(7)
      expect(second.redelivered()).toEqual(
        first
          .processed()
          .slice(5)
          .map((n) => n.id),
      )
      expect(ids).toHaveLength(24)
      expect(new Set(ids).size).toBe(24)
      expect(second.processed().every((n) => Number(n.journey.slice(1)) % 2 === 0)).toBe(true)
      expect(ordered(ids)).toBe(true)
      const positions = second.processed().map((n) => n.position)
      expect(positions).toEqual([...positions].sort((a, b) => a - b))
    } finally {
      await stop()
    }
  })

  it('a feed server restarted keeps every cursor and serves what was stored meanwhile', async () => {
    const store = getSqliteEventStore({ path: join(dir, 'store.db'), codec: journeyEventCodec })
    await appendAll(store, history(0, 6))
    const journal = join(dir, 'app-cej.journal')
    const app = createSimulatedPartnerApp({ journal })
    const one = await serve(store)
    const firstPoll = await pollOnce(
      createFeedClient({ baseUrl: one.server.url, token: 'token-cej' }),
      app.handle,
      4,
    )()
    await one.stop()
    if (isLeft(firstPoll)) throw new Error(firstPoll.left.message)
    // The server is down: events keep being stored.
    await appendAll(store, history(6, 6))
    const two = await serve(store)
    try {
      const client = createFeedClient({ baseUrl: two.server.url, token: 'token-cej' })
      const page = await client.page({ limit: 1 })()
      expect(isLeft(page) ? page.left : page.right.cursor).toBe(firstPoll.right.acked)
      const rest = await consumeToHead(client, app.handle, 4)()
      if (isLeft(rest)) throw new Error(rest.left.message)
      const ids = app.processed().map((n) => n.id)
      console.log(
        `feed server restart: first poll acked ${firstPoll.right.acked}; after the restart ${ids.length} notices processed, ${app.redelivered().length} given again`,
      )
      expect(ids).toHaveLength(24)
      expect(new Set(ids).size).toBe(24)
      expect(app.redelivered()).toEqual([])
      expect(ordered(ids)).toBe(true)
      // The other partner's cursor never moved: it acknowledged nothing.
      const cursors = await two.feed.cursors()()
      expect(isLeft(cursors) ? cursors.left : cursors.right.map((c) => [c.partnerId, c.cursor])).toEqual([
        ['app-cej', 48],
        ['other', 0],
      ])
    } finally {
      await two.stop()
    }
  })

  it('refuses an unknown token, a bad page, an acknowledgement past the head; a replay goes back', async () => {
    const store = getSqliteEventStore({ path: join(dir, 'store.db'), codec: journeyEventCodec })
    await appendAll(store, history(0, 2))
    const { server, feed, stop } = await serve(store)
    try {
      const get = (path: string, token = 'token-other') =>
        fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
      expect((await get('/feed', 'nope')).status).toBe(401)
      expect((await get('/feed?limit=0')).status).toBe(400)
      expect((await get('/feed?after=-1')).status).toBe(400)
      expect((await get('/elsewhere')).status).toBe(404)
      const client = createFeedClient({ baseUrl: server.url, token: 'token-other' })
      const beyond = await client.ack(9)()
      expect(isLeft(beyond) && [beyond.left.status, beyond.left.error]).toEqual([400, 'InvalidPosition'])
      const acked = await client.ack(8)()
      expect(isLeft(acked) ? acked.left : acked.right).toMatchObject({ previous: 0, cursor: 8 })
      // An older acknowledgement (re-sent after a restart) changes nothing.
      const older = await client.ack(3)()
      expect(isLeft(older) ? older.left : older.right).toMatchObject({ previous: 8, cursor: 8 })
      const replay = await feed.replay('other', 2)()
      expect(isLeft(replay) ? replay.left : replay.right).toMatchObject({ previous: 8, cursor: 2 })
      const page = await client.page({ limit: 10 })()
      expect(isLeft(page) ? page.left : page.right.notices.map((n) => n.position)).toEqual([4, 6, 8])
      const ackNoBody = await fetch(`${server.url}/feed/ack`, {
        method: 'POST',
        headers: { authorization: 'Bearer token-other' },
        body: 'position=3',
      })
      expect(ackNoBody.status).toBe(400)
    } finally {
      await stop()
    }
  })
})
