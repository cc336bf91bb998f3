import { describe, expect, it } from 'vitest'
import {
  createJourneyCommandHandler,
  createVault,
  getInMemoryEventStore,
  getInMemoryKeyStore,
  getInMemoryStateSnapshots,
} from '@parcours/adapters'
import {
  exitReasons,
  foldJourney,
  journeyDecider,
  journeyEventCodec,
  proposalOutcomes,
  themes,
  type JourneyEvent,
  type JourneyState,
  type KeyId,
  type LocalDate,
  type RecordedEvent,
  type Sealed,
  type TrainingRef,
} from '@parcours/domain'
import { dashboardProjection, foldEvents, queryDashboard } from '@parcours/projections'
import { calibration } from './calibration.js'
import { handlerPorts } from './demoPorts.js'
import type { DemoPersonalFields, SimulationPorts } from './ports.js'
import { simulateNetwork } from './simulate.js'

/**
 * Ports over the pure decider: a log of events per run, and fake seals (the vault is tested
 * elsewhere), numbered per young person. With `jitter`, every call first lets a varying number of
 * other calls' continuations run (microtasks only), so that the young people's commands interleave
 * differently from one jitter to another.
 */
const decidingPorts = (jitter?: number) => {
  const streams = new Map<string, JourneyEvent[]>()
  const log: Array<{ commandId: string; event: JourneyEvent }> = []
  const sealed: DemoPersonalFields[] = []
  const seals = new Map<string, number>()
  let draw = jitter ?? 0
  const yieldSome = async () => {
    if (jitter === undefined) return
    draw = (draw * 1_103_515_245 + 12_345) % 2_147_483_648
    for (let i = draw % 64; i > 0; i--) await Promise.resolve()
  }
  const ports: SimulationPorts = {
    send: async (commandId, command) => {
      await yieldSome()
      const history = streams.get(command.youthId) ?? []
      const decision = journeyDecider.decide(command, foldJourney(history))
      if (decision._tag === 'Left') return { _tag: 'Refused', error: decision.left }
      streams.set(command.youthId, [...history, ...decision.right])
      for (const event of decision.right) log.push({ commandId, event })
      return { _tag: 'Accepted', events: decision.right }
    },
    journey: async (youthId) => {
      await yieldSome()
      return foldJourney(streams.get(youthId) ?? [])
    },
    seal: async (youthId, fields) => {
      await yieldSome()
      sealed.push(fields)
      const n = (seals.get(youthId) ?? 0) + 1
      seals.set(youthId, n)
      return {
        keyId: `k-${youthId}` as KeyId,
        alg: 'A256GCM',
        iv: 'iv',
        ciphertext: String(n),
        tag: 't',
      } satisfies Sealed
    },
  }
  return { ports, log, sealed }
}

/** The events of a run, stream by stream (each in its order), and its global log as a store keeps it. */
const perStream = (log: ReadonlyArray<{ commandId: string; event: JourneyEvent }>) => {
  const streams = new Map<string, Array<{ commandId: string; event: JourneyEvent }>>()
  for (const l of log) streams.set(l.event.youthId, [...(streams.get(l.event.youthId) ?? []), l])
  return new Map([...streams].sort(([a], [b]) => (a < b ? -1 : 1)))
}
const recorded = (log: ReadonlyArray<{ commandId: string; event: JourneyEvent }>) => {
  const revisions = new Map<string, number>()
  return log.map(({ commandId, event }, i): RecordedEvent<JourneyEvent> => {
    const revision = revisions.get(event.youthId) ?? 0
    revisions.set(event.youthId, revision + 1)
    return {
      id: `${commandId}-${revision}`,
      streamName: `journey-${event.youthId}`,
      revision: BigInt(revision),
      position: BigInt(i + 1),
      event,
      schemaVersion: 1,
      metadata: {},
      recordedAt: '2026-01-01T00:00:00.000Z',
    }
  })
}

const options = { youths: 150, missions: 3, months: 9, start: '2025-01-01' as LocalDate, seed: 7 }

describe('network simulation', () => {
  it('is deterministic from the seed, and another seed gives another network', async () => {
    const a = decidingPorts()
    const b = decidingPorts()
    const c = decidingPorts()
    await simulateNetwork(options, a.ports)
    await simulateNetwork(options, b.ports)
    await simulateNetwork({ ...options, seed: 8 }, c.ports)
    expect(b.log).toEqual(a.log)
    expect(c.log).not.toEqual(a.log)
  })

  it('gives the same streams, counters and dashboard whatever the concurrency and the interleaving', async () => {
    const runs = [
      { ports: decidingPorts(), concurrency: 1 },
      { ports: decidingPorts(1), concurrency: 64 },
      { ports: decidingPorts(2), concurrency: 256 },
    ]
    const stats = []
    for (const run of runs)
      stats.push(await simulateNetwork({ ...options, concurrency: run.concurrency }, run.ports.ports))
    const [one, ...others] = runs.map((r) => r.ports.log)
    const sequential = one ?? []
    // The interleaving did change…
    for (const log of others)
      expect(log.map((l) => l.commandId)).not.toEqual(sequential.map((l) => l.commandId))
    // …but not a stream, the counters, a session's seats nor the dashboard.
    const dashboard = (log: typeof sequential) =>
      queryDashboard(foldEvents(dashboardProjection, recorded(log)))
    for (const log of others) {
      expect(perStream(log)).toEqual(perStream(sequential))
      expect(dashboard(log)).toEqual(dashboard(sequential))
    }
    expect(stats[0]?._tag).toBe('Right')
    for (const s of stats.slice(1)) expect(s).toEqual(stats[0])
    expect(sequential.some((l) => l.event.type === 'SessionPrescribed')).toBe(true)
  })

  it('offers sessions of the training catalogue in training proposals, and leaves the rest as it was', async () => {
    const [plain, linked] = [decidingPorts(), decidingPorts()]
    const sessions = [
      { actionId: 'AF-1', sessionId: 'S1' },
      { actionId: 'AF-2', sessionId: 'S1' },
    ] as unknown as ReadonlyArray<TrainingRef>
    await simulateNetwork(options, plain.ports)
    const stats = await simulateNetwork({ ...options, trainingSessions: sessions }, linked.ports)
    const offers = linked.log.flatMap(({ event: e }) =>
      e.type === 'ProposalOffered' && e.training !== null ? [e] : [],
    )
    expect(offers.length).toBeGreaterThan(0)
    expect(stats._tag === 'Right' && stats.right.trainingProposalsFromCatalogue).toBe(offers.length)
    expect(offers.every((e) => e.theme === 'training' || e.theme === 'apprenticeship')).toBe(true)
    const unlinked = linked.log.map(({ commandId, event }) => ({
      commandId,
      event: event.type === 'ProposalOffered' ? { ...event, training: null } : event,
    }))
    expect(unlinked).toEqual(plain.log)
  })

  it('covers every theme, outcome and exit reason, with the time rules and few refusals', async () => {
    const run = decidingPorts()
    const stats = await simulateNetwork({ ...options, youths: 400, months: 18 }, run.ports)
    expect(stats._tag).toBe('Right')
    if (stats._tag !== 'Right') return
    const events = run.log.map((l) => l.event)
    const seen = (f: (e: JourneyEvent) => string | null) => new Set(events.map(f).filter((x) => x !== null))
    expect(seen((e) => (e.type === 'ProposalOffered' ? e.theme : null))).toEqual(new Set(themes))
    expect(seen((e) => (e.type === 'ProposalOutcomeRecorded' ? e.outcome : null))).toEqual(
      new Set(proposalOutcomes),
    )
    expect(seen((e) => (e.type === 'JourneyClosed' ? e.reason : null))).toEqual(new Set(exitReasons))
    expect(seen((e) => (e.type === 'ProgrammeEntered' ? e.programme : null))).toEqual(
      new Set(['PACEA', 'CEJ']),
    )
    expect(seen((e) => (e.type === 'SituationStarted' ? e.kind : null))).toEqual(
      new Set(['immersion', 'volunteering', 'schooling']),
    )
    const types = seen((e) => e.type)
    for (const type of [
      'FollowUpDue',
      'FollowUpMissed',
      'FollowUpKept',
      'FollowUpRescheduled',
      'FollowUpCancelled',
      'JourneyTransferred',
      'JourneyReopened',
      'TrainingStarted',
      'TrainingEnded',
      'EmploymentStarted',
      'EmploymentEnded',
      'ProgrammeExtended',
      'DiagnosticCompleted',
      'PaceaPhaseStarted',
      'PaceaPhaseEnded',
      'SituationStarted',
      'SituationEnded',
      'ImmersionRenewed',
      'FollowUpMarkedUnspecified',
      'FollowUpReminderDue',
      'SessionPrescribed',
      'SessionOutcomeRecorded',
      'SessionReminderDue',
      'SituationOngoingAtExit',
    ])
      expect(types, type).toContain(type)
    expect(seen((e) => (e.type === 'FollowUpScheduled' ? e.kind : null))).toEqual(
      new Set(['individual-interview', 'phone-or-video-call']),
    )
    expect(seen((e) => (e.type === 'SessionPrescribed' ? e.kind : null))).toEqual(
      new Set(['workshop', 'information-session']),
    )
    expect(seen((e) => (e.type === 'SessionOutcomeRecorded' ? e.outcome : null))).toEqual(
      new Set(['carried-out', 'refused-by-youth', 'refused-by-third-party', 'closed-without-follow-up']),
    )
    // No session is filled beyond its capacity.
    const registrations = new Map<string, number>()
    for (const e of events)
      if (e.type === 'SessionPrescribed')
        registrations.set(e.sessionId, (registrations.get(e.sessionId) ?? 0) + 1)
    expect(Math.max(...registrations.values())).toBeLessThanOrEqual(calibration.sessionCapacity)
    expect(stats.right.youths).toBe(400)
    // No journey is left stalled: every open one saw its counsellor in the last four months.
    const lastContact = new Map<string, string>()
    for (const e of events)
      if (
        [
          'FollowUpKept',
          'FollowUpMissed',
          'FollowUpCancelled',
          'YouthRegistered',
          'JourneyReopened',
        ].includes(e.type)
      )
        lastContact.set(e.youthId, e.on)
    const open = new Set<string>()
    for (const e of events)
      if (e.type === 'YouthRegistered' || e.type === 'JourneyReopened') open.add(e.youthId)
      else if (e.type === 'JourneyClosed') open.delete(e.youthId)
    expect(open.size).toBeGreaterThan(100)
    const stalled = [...open].filter((youthId) => (lastContact.get(youthId) ?? '') < '2026-02-01')
    expect(stalled).toEqual([])
    const refused = Object.values(stats.right.refused).reduce((a, b) => a + b, 0)
    expect(refused / stats.right.commands).toBeLessThan(0.01)
  })

  it('registers young people aged 16 to 25, and RQTH people up to 29, all sealed, the age as its band', async () => {
    const run = decidingPorts()
    await simulateNetwork({ ...options, youths: 400 }, run.ports)
    const registrations = run.log.flatMap((l) => (l.event.type === 'YouthRegistered' ? [l.event] : []))
    expect(registrations).toHaveLength(400)
    expect(new Set(registrations.map((e) => e.ageBand))).toEqual(new Set(['16-17', '18-21', '22+']))
    expect(registrations.every((e) => e.sealedAgeLimits !== null)).toBe(true)
    expect(run.log.every((l) => l.event.type !== 'YouthRegistered' || l.event.personalData !== null)).toBe(
      true,
    )
    expect(
      run.sealed.filter(
        (f) => f.firstName !== undefined && f.lastName !== undefined && f.birthDate !== undefined,
      ),
    ).toHaveLength(400)
  })

  it('reads each journey back from the handler as its day starts: one keeping 5 states and snapshots gives the pure run', async () => {
    const pure = decidingPorts()
    const expected = await simulateNetwork(options, pure.ports)
    const store = getInMemoryEventStore({ codec: journeyEventCodec })
    const vault = createVault({ keyStore: getInMemoryKeyStore() })
    const snapshots = getInMemoryStateSnapshots<JourneyState>()
    const handle = createJourneyCommandHandler({
      store,
      vault,
      stateCacheSize: 5,
      snapshots,
      snapshotEvery: 3,
    })
    const ports = handlerPorts(handle, vault)
    let recalled = 0
    const stats = await simulateNetwork(options, {
      ...ports,
      journey: (youthId) => ((recalled += 1), ports.journey(youthId)),
    })
    expect(stats).toEqual(expected)
    // The journeys came from the snapshots and the events, not from the simulator's memory.
    expect(snapshots.size()).toBeGreaterThan(100)
    expect(recalled).toBeGreaterThan(options.youths)
    const read = await store.readAll()()
    if (read._tag === 'Left') throw new Error(read.left._tag)
    // The same events stream by stream, sealed values aside (the vault's are its own).
    const shape = (events: ReadonlyArray<JourneyEvent>) =>
      events.map((e) => `${e.type} ${'on' in e ? e.on : ''}`)
    const byStream = (events: ReadonlyArray<JourneyEvent>) => {
      const streams = new Map<string, Array<JourneyEvent>>()
      for (const e of events) streams.set(e.youthId, [...(streams.get(e.youthId) ?? []), e])
      return [...streams].map(([id, es]) => [id, shape(es)] as const).sort()
    }
    expect(byStream(read.right.map((r) => r.event))).toEqual(byStream(pure.log.map((l) => l.event)))
  })

  it('acts each day on the journey the port answers, not on one it kept from the day before', async () => {
    const run = decidingPorts()
    // A handler that never knows anyone: each day, each young person seems not registered yet.
    const stats = await simulateNetwork(options, { ...run.ports, journey: async () => foldJourney([]) })
    if (stats._tag === 'Left') throw new Error(stats.left)
    expect(stats.right.refused['AlreadyRegistered']).toBeGreaterThan(options.youths)
  })

  it('interleaves streams in the global log', async () => {
    const run = decidingPorts()
    await simulateNetwork(options, run.ports)
    const switches = run.log.filter(
      (l, i) => i > 0 && l.event.youthId !== run.log[i - 1]?.event.youthId,
    ).length
    expect(switches).toBeGreaterThan(run.log.length / 5)
  })
})
