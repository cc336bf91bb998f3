// Command handling on SQLite: generated journeys' commands (the domain's testing kit, fixed seed,
// each command checked against the decider) sent through `createCommandHandler` on a SQLite event
// store, the young people's streams interleaved as a day's traffic would be. Short and long
// journeys side by side say whether a command's cost grows with its journey's length; the same
// commands with the state cache off show what it saves; the bare loop decides, folds and inserts
// with better-sqlite3 alone, each young person's state in a Map (our ceiling). The concurrent case
// sends many young people's commands at once (each one's in order), as the demo does, so the store
// commits them together; beside it, the same commands one at a time, and a bare loop committing the
// commands in flight in one transaction.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { createCommandHandler, getSqliteEventStore } from '@parcours/adapters'
import { journeyDecider, journeyEventCodec, journeyStreamName } from '@parcours/domain'
import { arbJourneyHistory } from '@parcours/domain/testing'
import Database from 'better-sqlite3'
import { must, peakRssMB, rate, rows, timed } from '../lib/measure.mjs'

const tempDir = () => mkdtempSync(join(tmpdir(), 'parcours-bench-commands-'))

/** `youths` journeys of `steps` steps, as lists of commands (fixed seed). */
const journeys = (youths, steps) => {
  const [scripts] = fc.sample(arbJourneyHistory({ youths, missionLocales: 4, steps }), {
    numRuns: 1,
    seed: 2026,
  })
  return scripts.map((s) => s.commands)
}

/** The commands of every journey, interleaved one command per young person at a time. */
const interleaved = (scripts) => {
  const out = []
  const longest = Math.max(...scripts.map((s) => s.length))
  for (let k = 0; k < longest; k++)
    for (let y = 0; y < scripts.length; y++) if (k < scripts[y].length) out.push([y, k, scripts[y][k]])
  return out
}

/** A round's copy of a command: its own young person, so every round writes fresh streams. */
const forRound = (command, round) => ({ ...command, youthId: `${command.youthId}-r${round}` })

/** Parcours: every command through the handler; a refusal or conflict fails the run. */
const parcoursRound = (handle, traffic) => (round) =>
  timed(async () => {
    for (const [y, k, command] of traffic) {
      const result = await handle({ commandId: `r${round}-y${y}-c${k}`, command: forRound(command, round) })()
      if (result._tag === 'Left') throw new Error(`command refused: ${JSON.stringify(result.left)}`)
    }
    return traffic.length
  })

/** The bare loop: decide and fold with the state in a Map, one better-sqlite3 transaction per command. */
const bareRound = (db, traffic) => {
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_name TEXT NOT NULL,
    revision INTEGER NOT NULL, event_type TEXT NOT NULL, data TEXT NOT NULL, UNIQUE (stream_name, revision))`)
  const last = db.prepare('SELECT max(revision) AS r FROM events WHERE stream_name = ?').pluck()
  const insert = db.prepare(
    'INSERT INTO events (event_id, stream_name, revision, event_type, data) VALUES (?, ?, ?, ?, ?)',
  )
  const put = db.transaction((stream, expected, commandId, events) => {
    let revision = last.get(stream) ?? -1
    if (revision !== expected) throw new Error('conflict')
    events.forEach((e, i) => insert.run(`${commandId}/${i}`, stream, ++revision, e.type, JSON.stringify(e)))
    return revision
  })
  return (round) =>
    timed(async () => {
      const states = new Map()
      for (const [y, k, raw] of traffic) {
        const command = forRound(raw, round)
        const stream = journeyStreamName(command.youthId)
        const known = states.get(stream) ?? { revision: -1, state: journeyDecider.initialState }
        const decision = journeyDecider.decide(command, known.state)
        if (decision._tag === 'Left') throw new Error(`command refused: ${decision.left._tag}`)
        const revision = put.immediate(stream, known.revision, `r${round}-y${y}-c${k}`, decision.right)
        states.set(stream, {
          revision,
          state: decision.right.reduce(journeyDecider.evolve, known.state),
        })
      }
      return traffic.length
    })
}

/**
 * Parcours, concurrently: `inFlight` young people at a time, each one's commands in order (as the
 * demo sends a day's traffic), so the store commits the commands in flight together.
 */
const concurrentRound = (handle, scripts, inFlight) => (round) =>
  timed(async () => {
    let next = 0
    let handled = 0
    const worker = async () => {
      while (next < scripts.length) {
        const y = next++
        for (const [k, command] of scripts[y].entries()) {
          const result = await handle({
            commandId: `r${round}-y${y}-c${k}`,
            command: forRound(command, round),
          })()
          if (result._tag === 'Left') throw new Error(`command refused: ${JSON.stringify(result.left)}`)
          handled += 1
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(inFlight, scripts.length) }, worker))
    return handled
  })

/**
 * The bare loop, concurrently: the same young people in groups of `inFlight`, the k-th commands of
 * a group decided and folded (states in a Map) and inserted in one better-sqlite3 transaction.
 */
const bareConcurrentRound = (db, scripts, inFlight) => {
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_name TEXT NOT NULL,
    revision INTEGER NOT NULL, event_type TEXT NOT NULL, data TEXT NOT NULL, UNIQUE (stream_name, revision))`)
  const last = db.prepare('SELECT max(revision) AS r FROM events WHERE stream_name = ?').pluck()
  const insert = db.prepare(
    'INSERT INTO events (event_id, stream_name, revision, event_type, data) VALUES (?, ?, ?, ?, ?)',
  )
  const put = db.transaction((writes) =>
    writes.map(({ stream, expected, commandId, events }) => {
      let revision = last.get(stream) ?? -1
      if (revision !== expected) throw new Error('conflict')
      events.forEach((e, i) => insert.run(`${commandId}/${i}`, stream, ++revision, e.type, JSON.stringify(e)))
      return revision
    }),
  )
  return (round) =>
    timed(async () => {
      const states = new Map()
      let handled = 0
      for (let first = 0; first < scripts.length; first += inFlight) {
        const group = scripts.slice(first, first + inFlight)
        const longest = Math.max(...group.map((s) => s.length))
        for (let k = 0; k < longest; k++) {
          const writes = []
          for (const [g, script] of group.entries()) {
            if (k >= script.length) continue
            const command = forRound(script[k], round)
            const stream = journeyStreamName(command.youthId)
            const known = states.get(stream) ?? { revision: -1, state: journeyDecider.initialState }
            const decision = journeyDecider.decide(command, known.state)
            if (decision._tag === 'Left') throw new Error(`command refused: ${decision.left._tag}`)
            writes.push({
              stream,
              expected: known.revision,
              commandId: `r${round}-y${first + g}-c${k}`,
              events: decision.right,
              known,
            })
          }
          const revisions = put.immediate(writes)
          writes.forEach(({ stream, events, known }, i) =>
            states.set(stream, {
              revision: revisions[i],
              state: events.reduce(journeyDecider.evolve, known.state),
            }),
          )
          handled += writes.length
        }
      }
      return handled
    })
}

const concurrentCase = ({ name, youths, steps, inFlight, rounds }) => ({
  name: `${name} (${youths} young people, ${steps.min}–${steps.max} steps, ${inFlight} in flight)`,
  run: async () => {
    const scripts = journeys(youths, steps)
    const size = scripts.reduce((n, s) => n + s.length, 0)
    const run = async (round, storeOptions = {}) => {
      const dir = tempDir()
      const store = getSqliteEventStore({
        path: join(dir, 'events.db'),
        codec: journeyEventCodec,
        ...storeOptions,
      })
      const handle = createCommandHandler({
        store,
        decider: journeyDecider,
        streamName: (command) => journeyStreamName(command.youthId),
        metadata: (command) => ({ tenant: command.missionLocaleId }),
      })
      try {
        return await rate(round(handle), rounds)
      } finally {
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      }
    }
    const cpuBefore = process.cpuUsage()
    const ours = await run((handle) => concurrentRound(handle, scripts, inFlight))
    const cpu = process.cpuUsage(cpuBefore)
    const rss = peakRssMB()
    const measured = [
      {
        peer: 'Parcours, the same concurrency, one transaction per append (maxBatchAppends: 1)',
        opsPerSec: await run((handle) => concurrentRound(handle, scripts, inFlight), { maxBatchAppends: 1 }),
      },
      {
        peer: 'Parcours, one command at a time (each awaited)',
        opsPerSec: await run((handle) => concurrentRound(handle, scripts, 1)),
      },
    ]
    const dir = tempDir()
    const db = new Database(join(dir, 'bare.db'))
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    // As the store does: a checkpoint every 10,000 pages.
    db.pragma('wal_autocheckpoint = 10000')
    measured.push({
      peer: `bare loop (decide and fold, states in a Map, ${inFlight} commands a transaction, better-sqlite3 alone)`,
      opsPerSec: await rate(bareConcurrentRound(db, scripts, inFlight), rounds),
    })
    db.close()
    rmSync(dir, { recursive: true, force: true })
    // Commands per CPU second (user + system, warm-up included): the machine is shared, wall time is noisy.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6
    return rows(name, size, ours, rss, measured, {
      unit: 'commands/s',
      commandsPerCpuSecond: Math.round((size * (rounds + 1)) / cpuSeconds),
    })
  },
})

const commandCase = ({ name, youths, steps, rounds, peers }) => ({
  name: `${name} (${youths} young people, ${steps.min}–${steps.max} steps)`,
  run: async () => {
    const traffic = interleaved(journeys(youths, steps))
    const run = async (stateCacheSize) => {
      const dir = tempDir()
      const store = getSqliteEventStore({ path: join(dir, 'events.db'), codec: journeyEventCodec })
      const handle = createCommandHandler({
        store,
        decider: journeyDecider,
        streamName: (command) => journeyStreamName(command.youthId),
        metadata: (command) => ({ tenant: command.missionLocaleId }),
        ...(stateCacheSize === undefined ? {} : { stateCacheSize }),
      })
      try {
        return await rate(parcoursRound(handle, traffic), rounds)
      } finally {
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      }
    }
    const ours = await run()
    const rss = peakRssMB()
    const measured = []
    if (peers.includes('no cache'))
      measured.push({
        peer: 'Parcours, state cache off (reads and folds the whole stream)',
        opsPerSec: await run(0),
      })
    const dir = tempDir()
    const db = new Database(join(dir, 'bare.db'))
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    // As the store does: a checkpoint every 10,000 pages.
    db.pragma('wal_autocheckpoint = 10000')
    measured.push({
      peer: 'bare loop (decide and fold, states in a Map, better-sqlite3 alone)',
      opsPerSec: await rate(bareRound(db, traffic), rounds),
    })
    db.close()
    rmSync(dir, { recursive: true, force: true })
    return rows(name, traffic.length, ours, rss, measured, { unit: 'commands/s' })
  },
})

export const cases = ({ quick }) => {
  const rounds = quick ? 3 : 5
  return [
    commandCase({
      name: 'SQLite command handling, short journeys',
      youths: quick ? 200 : 500,
      steps: { min: 10, max: 20 },
      rounds,
      peers: ['no cache'],
    }),
    commandCase({
      name: 'SQLite command handling, long journeys',
      youths: quick ? 40 : 100,
      steps: { min: 90, max: 110 },
      rounds,
      peers: ['no cache'],
    }),
    concurrentCase({
      name: 'SQLite command handling, concurrent journeys',
      youths: quick ? 256 : 1024,
      steps: { min: 10, max: 40 },
      inFlight: 128,
      rounds,
    }),
  ]
}
