// The projections: each fold alone over decoded events, beside a bare loop doing that fold's own
// work and one doing the dashboard's counting, with mutable maps; and a rebuild of every read model from the in-memory store into the
// in-memory sink, and from a SQLite store into a SQLite sink, beside a bare loop that reads the
// same rows, parses them and counts. Events per second; the journeys come from lib/journeys.mjs.
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getInMemoryEventStore, getSqliteEventStore } from '@parcours/adapters'
import { defaultCejHoursPolicy, journeyEventCodec } from '@parcours/domain'
import {
  allProjections,
  createProjectionRunner,
  foldEvents,
  rebuildInWorkers,
  getInMemoryProjectionSink,
  getSqliteProjectionSink,
} from '@parcours/projections'
import Database from 'better-sqlite3'
import { templates, writeNational } from '../lib/journeys.mjs'
import { must, peakRssMB, rate, rows, timed } from '../lib/measure.mjs'

const MISSION_LOCALES = 40

/** The bare loop: per young person its locale, per locale counters by event type, mutable maps. */
const bareCount = (events) => {
  const localeOf = new Map()
  const counts = new Map()
  for (const { event } of events) {
    const locale = event.type === 'YouthRegistered' ? event.missionLocaleId : localeOf.get(event.youthId)
    if (event.type === 'YouthRegistered') localeOf.set(event.youthId, locale)
    let byType = counts.get(locale)
    if (byType === undefined) counts.set(locale, (byType = new Map()))
    byType.set(event.type, (byType.get(event.type) ?? 0) + 1)
  }
  return counts.size
}

/** The Monday of a 'YYYY-MM-DD' date's week, as the CEJ ledger counts its minutes by week. */
const mondayOf = (on) => {
  const day = Date.UTC(Number(on.slice(0, 4)), Number(on.slice(5, 7)) - 1, Number(on.slice(8, 10))) / 864e5
  return new Date((day - ((day + 3) % 7)) * 864e5).toISOString().slice(0, 10)
}

/**
 * Bare loops doing each fold's own work with mutable maps and no library: the dashboard's (a
 * young person's state, a counter cell per locale and month, the months in contact), the
 * worklist's (what is pending per young person, added and removed by id), the timeline's (a
 * list per young person of each event's fields) and the CEJ ledger's (per young person what is
 * planned and the minutes it counts, the minutes held by week, the contracts, the activities
 * and breaches; the minutes from the default hours table).
 */
const bareFolds = {
  dashboard: (events) => {
    const youths = new Map()
    const cells = new Map()
    for (const { event: e } of events) {
      let y = youths.get(e.youthId)
      if (e.type === 'YouthRegistered') {
        if (y !== undefined) continue
        youths.set(e.youthId, (y = { missionLocaleId: e.missionLocaleId, contacts: [] }))
      } else if (y === undefined) continue
      const month = `${e.missionLocaleId}|${e.on.slice(0, 7)}`
      let cell = cells.get(month)
      if (cell === undefined) cells.set(month, (cell = { inContact: 0, counts: {} }))
      cell.counts[e.type] = (cell.counts[e.type] ?? 0) + 1
      if (!y.contacts.includes(month)) {
        y.contacts.push(month)
        cell.inContact++
      }
    }
    return cells.size
  },
  worklist: (events) => {
    const youths = new Map()
    for (const { event: e } of events) {
      let y = youths.get(e.youthId)
      if (e.type === 'YouthRegistered') {
        if (y !== undefined) continue
        youths.set(e.youthId, (y = { counsellorId: e.counsellorId, followUps: {}, proposals: {} }))
      } else if (y === undefined) continue
      if (e.type === 'FollowUpScheduled') y.followUps[e.followUpId] = { dueOn: e.dueOn, kind: e.kind }
      else if (e.type === 'ProposalOffered') y.proposals[e.proposalId] = { theme: e.theme, on: e.on }
      else if (e.type === 'ProposalOutcomeRecorded') delete y.proposals[e.proposalId]
      else if (e.type.startsWith('FollowUp')) delete y.followUps[e.followUpId]
      else if (e.type === 'CounsellorAssigned') y.counsellorId = e.counsellorId
    }
    return youths.size
  },
  timeline: (events) => {
    const youths = new Map()
    for (const { event: e, revision } of events) {
      let y = youths.get(e.youthId)
      if (y === undefined) youths.set(e.youthId, (y = []))
      const details = {}
      for (const field in e) if (field !== 'type' && field !== 'youthId') details[field] = e[field]
      y.push({ revision: Number(revision), on: e.on, type: e.type, details })
    }
    return youths.size
  },
  cej: (events) => {
    const policy = defaultCejHoursPolicy
    const youths = new Map()
    const addMinutes = (y, on, minutes) => {
      if (minutes === 0) return
      const monday = mondayOf(on)
      y.factMinutes.set(monday, (y.factMinutes.get(monday) ?? 0) + minutes)
    }
    const held = (y, key) => {
      const p = y.planned.get(key)
      if (p === undefined) return
      y.planned.delete(key)
      addMinutes(y, p.on, p.minutes)
    }
    for (const { event: e, revision } of events) {
      let y = youths.get(e.youthId)
      if (e.type === 'YouthRegistered') {
        if (y !== undefined) continue
        const [planned, factMinutes, activities, breaches] = [new Map(), new Map(), new Map(), new Map()]
        youths.set(e.youthId, {
          revision: Number(revision),
          missionLocaleId: e.missionLocaleId,
          counsellorId: e.counsellorId,
          open: true,
          contracts: [],
          factMinutes,
          planned,
          activities,
          breaches,
        })
        continue
      } else if (y === undefined) continue
      y.revision = Number(revision)
      const last = y.contracts[y.contracts.length - 1]
      const open = last !== undefined && last.exitedOn === null ? last : undefined
      switch (e.type) {
        case 'CounsellorAssigned':
          y.counsellorId = e.counsellorId
          break
        case 'JourneyTransferred':
          y.missionLocaleId = e.missionLocaleId
          y.counsellorId = e.counsellorId
          if (open !== undefined) open.missionLocaleId = e.missionLocaleId
          break
        case 'JourneyClosed':
          y.open = false
          if (open !== undefined) [open.exitedOn, open.exitReason] = [e.on, 'journey-closed']
          break
        case 'JourneyReopened':
          y.open = true
          y.counsellorId = e.counsellorId
          break
        case 'FollowUpScheduled':
          y.planned.set(`f:${e.followUpId}`, { on: e.dueOn, minutes: policy.appointment[e.kind].minutes })
          break
        case 'FollowUpRescheduled': {
          const p = y.planned.get(`f:${e.followUpId}`)
          if (p !== undefined) p.on = e.dueOn
          break
        }
        case 'FollowUpKept':
          held(y, `f:${e.followUpId}`)
          break
        case 'FollowUpMissed':
        case 'FollowUpCancelled':
        case 'FollowUpMarkedUnspecified':
          y.planned.delete(`f:${e.followUpId}`)
          break
        case 'SessionPrescribed':
          y.planned.set(`s:${e.sessionId}`, { on: e.heldOn, minutes: policy.session[e.kind].minutes })
          break
        case 'SessionOutcomeRecorded':
          if (e.outcome === 'carried-out') held(y, `s:${e.sessionId}`)
          else y.planned.delete(`s:${e.sessionId}`)
          break
        case 'ProposalOutcomeRecorded':
          if (e.outcome === 'carried-out') addMinutes(y, e.on, policy.proposalCarriedOut[e.theme].minutes)
          break
        case 'ProgrammeEntered':
          if (e.programme === 'CEJ')
            y.contracts.push({
              enteredOn: e.on,
              missionLocaleId: e.missionLocaleId,
              exitedOn: null,
              exitReason: null,
              allowances: [],
              sanctions: [],
            })
          break
        case 'ProgrammeExited':
          if (e.programme === 'CEJ' && open !== undefined) [open.exitedOn, open.exitReason] = [e.on, e.reason]
          break
        case 'ActivityDeclared':
          y.activities.set(e.activityId, {
            kind: e.kind,
            startsOn: e.startsOn,
            endsOn: e.endsOn,
            declaredHoursPerWeek: e.hoursPerWeek,
            validatedHoursPerWeek: null,
          })
          break
        case 'ActivityValidated': {
          const a = y.activities.get(e.activityId)
          if (a !== undefined) a.validatedHoursPerWeek = e.hoursPerWeek
          break
        }
        case 'CejAllowanceSet':
          open?.allowances.push({ on: e.on, personalData: e.personalData })
          break
        case 'CejBreachRecorded':
          y.breaches.set(e.breachId, { kind: e.kind, recordedOn: e.on, heardOn: null, hearingOutcome: null })
          break
        case 'CejHearingHeld': {
          const b = y.breaches.get(e.breachId)
          if (b !== undefined) [b.heardOn, b.hearingOutcome] = [e.on, e.outcome]
          break
        }
        case 'CejSanctionDecided':
          open?.sanctions.push({
            breachId: e.breachId,
            rank: e.rank,
            sanction: e.sanction,
            decidedOn: e.on,
            effectiveOn: e.effectiveOn,
          })
          break
        default:
          break
      }
    }
    return youths.size
  },
}

/**
 * A SQLite store file of `youths` young people; returns its path, the events and a cleanup. The
 * file is generated once per `pnpm bench` run (in the run's PARCOURS_BENCH_TMP) and shared by the
 * cases, which only read it.
 */
const sqliteHistory = async (youths) => {
  const dir = mkdtempSync(join(tmpdir(), 'parcours-bench-projections-'))
  const shared = process.env.PARCOURS_BENCH_TMP
  const path = join(shared ?? dir, `history-${youths}-${MISSION_LOCALES}.db`)
  if (!existsSync(path)) {
    const partial = `${path}.partial`
    rmSync(partial, { force: true })
    await writeNational({ path: partial, youths, missionLocales: MISSION_LOCALES, pool: templates(200) })
    renameSync(partial, path)
  }
  const db = new Database(path, { readonly: true })
  const events = db.prepare('SELECT count(*) FROM events').pluck().get()
  db.close()
  return { dir, path, events, dispose: () => rmSync(dir, { recursive: true, force: true }) }
}

const readDecoded = async (path) => {
  const store = getSqliteEventStore({ path, codec: journeyEventCodec, cacheSize: 0 })
  const all = await must(store.readAll())
  await store.close()
  return all
}

const rebuildRound =
  (store, newSink, expected, options = {}) =>
  async () => {
    const sink = newSink()
    const result = await timed(async () => {
      const r = await must(
        createProjectionRunner({ store, sink, projections: allProjections, ...options }).rebuild(),
      )
      if (r.events !== expected) throw new Error(`applied ${r.events} of ${expected}`)
      return r.events
    })
    await sink.close()
    return result
  }

const bareSqliteRound = (path) => async () =>
  timed(async () => {
    const db = new Database(path, { readonly: true })
    const read = db.prepare('SELECT event_type, data FROM events ORDER BY position')
    const localeOf = new Map()
    const counts = new Map()
    let n = 0
    for (const row of read.iterate()) {
      const event = JSON.parse(row.data)
      const locale =
        row.event_type === 'YouthRegistered' ? event.missionLocaleId : localeOf.get(event.youthId)
      if (row.event_type === 'YouthRegistered') localeOf.set(event.youthId, locale)
      let byType = counts.get(locale)
      if (byType === undefined) counts.set(locale, (byType = new Map()))
      byType.set(row.event_type, (byType.get(row.event_type) ?? 0) + 1)
      n++
    }
    db.close()
    return n
  })

export const cases = ({ quick }) => {
  const rounds = quick ? 3 : 5
  const youths = quick ? 3_000 : 20_000
  const foldCase = (projection) => ({
    name: `fold ${projection.name}`,
    run: async () => {
      const history = await sqliteHistory(youths)
      const events = await readDecoded(history.path)
      history.dispose()
      const ours = await rate(
        () => timed(async () => (foldEvents(projection, events), events.length)),
        rounds,
      )
      const rss = peakRssMB()
      const bare = await rate(() => timed(async () => (bareCount(events), events.length)), rounds)
      const own = bareFolds[projection.name]
      const same =
        own === undefined
          ? undefined
          : await rate(() => timed(async () => (own(events), events.length)), rounds)
      return rows(
        `fold ${projection.name}`,
        events.length,
        ours,
        rss,
        [
          ...(same === undefined
            ? []
            : [{ peer: `bare loop (the ${projection.name}'s own work, mutable maps)`, opsPerSec: same }]),
          { peer: 'bare loop (counts by locale and type, mutable maps)', opsPerSec: bare },
        ],
        { unit: 'events/s' },
      )
    },
  })
  return [
    ...allProjections.map(foldCase),
    {
      name: 'rebuild in-memory',
      run: async () => {
        const history = await sqliteHistory(youths)
        const events = await readDecoded(history.path)
        history.dispose()
        const store = getInMemoryEventStore({ codec: journeyEventCodec })
        for (let i = 0; i < events.length; i += 1000) {
          // Appends keep each stream's order: a block of the log, stream by stream.
          const byStream = new Map()
          for (const e of events.slice(i, i + 1000)) {
            let list = byStream.get(e.streamName)
            if (list === undefined) byStream.set(e.streamName, (list = []))
            list.push({ id: e.id, event: e.event, metadata: e.metadata })
          }
          for (const [stream, list] of byStream) await must(store.append(stream, 'any', list))
        }
        const count = events.length
        events.length = 0
        const ours = await rate(
          rebuildRound(store, () => getInMemoryProjectionSink(), count),
          rounds,
        )
        const rss = peakRssMB()
        const stored = await must(store.readAll())
        const bare = await rate(() => timed(async () => (bareCount(stored), stored.length)), rounds)
        await store.close()
        return rows(
          'rebuild in-memory store and sink',
          count,
          ours,
          rss,
          [{ peer: 'bare loop (the stored events, counted with mutable maps)', opsPerSec: bare }],
          { unit: 'events/s' },
        )
      },
    },
    {
      name: 'rebuild SQLite over two worker threads',
      run: async () => {
        const history = await sqliteHistory(youths)
        let round = 0
        const ours = await rate(
          () =>
            timed(async () => {
              const shards = await must(
                rebuildInWorkers({
                  storePath: history.path,
                  sinkPath: join(history.dir, `workers-${round++}.db`),
                  workers: 2,
                }),
              )
              return shards.reduce((n, s) => Math.max(n, Number(s.stats.checkpoint ?? 0n)), 0)
            }),
          quick ? 1 : 3,
        )
        const rss = peakRssMB()
        const bare = await rate(bareSqliteRound(history.path), quick ? 1 : 3)
        history.dispose()
        return rows(
          'rebuild SQLite store and sink, two worker threads',
          history.events,
          ours,
          rss,
          [{ peer: 'bare loop (better-sqlite3 rows, JSON.parse, mutable maps)', opsPerSec: bare }],
          { unit: 'events/s' },
        )
      },
    },
    {
      name: 'rebuild SQLite',
      run: async () => {
        const history = await sqliteHistory(youths)
        const store = getSqliteEventStore({ path: history.path, codec: journeyEventCodec, cacheSize: 0 })
        let round = 0
        const ours = await rate(
          rebuildRound(
            store,
            () => getSqliteProjectionSink({ path: join(history.dir, `projections-${round++}.db`) }),
            history.events,
            // Streaming: stream by stream (the runner's default on SQLite), documents left in the sink.
            { holdReadModels: false },
          ),
          quick ? 1 : 3,
        )
        const rss = peakRssMB()
        await store.close()
        const bare = await rate(bareSqliteRound(history.path), quick ? 1 : 3)
        history.dispose()
        return rows(
          'rebuild SQLite store and sink',
          history.events,
          ours,
          rss,
          [{ peer: 'bare loop (better-sqlite3 rows, JSON.parse, mutable maps)', opsPerSec: bare }],
          { unit: 'events/s' },
        )
      },
    },
  ]
}
