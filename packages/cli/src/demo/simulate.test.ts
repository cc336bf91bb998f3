import { describe, expect, it } from 'vitest'
import {
  exitReasons,
  foldJourney,
  journeyDecider,
  proposalOutcomes,
  themes,
  type JourneyEvent,
  type KeyId,
  type LocalDate,
  type Sealed,
  type TrainingRef,
} from '@parcours/domain'
import { calibration } from './calibration.js'
import type { DemoPersonalFields, SimulationPorts } from './ports.js'
import { simulateNetwork } from './simulate.js'

/** Ports over the pure decider: a log of events per run, and fake seals (the vault is tested elsewhere). */
const decidingPorts = () => {
  const streams = new Map<string, JourneyEvent[]>()
  const log: Array<{ commandId: string; event: JourneyEvent }> = []
  const sealed: DemoPersonalFields[] = []
  const ports: SimulationPorts = {
    send: async (commandId, command) => {
      const history = streams.get(command.youthId) ?? []
      const decision = journeyDecider.decide(command, foldJourney(history))
      if (decision._tag === 'Left') return { _tag: 'Refused', error: decision.left }
      streams.set(command.youthId, [...history, ...decision.right])
      for (const event of decision.right) log.push({ commandId, event })
      return { _tag: 'Accepted', events: decision.right }
    },
    seal: async (youthId, fields) => {
      sealed.push(fields)
      return {
        keyId: `k-${youthId}` as KeyId,
        alg: 'A256GCM',
        iv: 'iv',
        ciphertext: String(sealed.length),
        tag: 't',
      } satisfies Sealed
    },
  }
  return { ports, log, sealed }
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

  it('interleaves streams in the global log', async () => {
    const run = decidingPorts()
    await simulateNetwork(options, run.ports)
    const switches = run.log.filter(
      (l, i) => i > 0 && l.event.youthId !== run.log[i - 1]?.event.youthId,
    ).length
    expect(switches).toBeGreaterThan(run.log.length / 5)
  })
})
