import { left, right, type Either } from 'fp-ts/lib/Either.js'
import {
  addDays,
  addMonths,
  createPrng,
  daysBetween,
  type LocalDate,
  type PartnerOfferRef,
  type Prng,
  type TrainingRef,
  type YouthId,
} from '@parcours/domain'
import { actOn, finalTick, nextWake } from './agent.js'
import { forget, recall, SimulationFailed, type AgentContext, type SimulationStats } from './agentContext.js'
import { createDayOrder, inPool, type DayOrder } from './dayOrder.js'
import { buildNetwork, type MissionLocale } from './network.js'
import { drawPerson } from './people.js'
import type { SimulationPorts } from './ports.js'
import { drawProfile, newYouth, type Youth } from './youth.js'

// ---------------------------------------------------------------------------------------------
// the simulation: every young person's journey, day by day, through the command handler
// ---------------------------------------------------------------------------------------------

/** What to simulate. */
export interface SimulationOptions {
  readonly youths: number
  readonly missions: number
  readonly months: number
  readonly start: LocalDate
  readonly seed: number
  /** Sessions of the training catalogue (LHEO) that training proposals may offer. */
  readonly trainingSessions?: ReadonlyArray<TrainingRef>
  /** Open France Travail offers of the offer catalogue that employment and apprenticeship proposals may offer. */
  readonly partnerOffers?: ReadonlyArray<PartnerOfferRef>
  /**
   * How many young people act at once on a day (each one's commands in order), so that a store
   * can commit many commands together. The run is the same whatever it is. Default 128.
   */
  readonly concurrency?: number
}

/** How many young people act at once on a day, by default. */
export const DEFAULT_SIMULATION_CONCURRENCY = 128

/** The simulated period: its first and last day. */
export const simulationPeriod = (
  o: Pick<SimulationOptions, 'start' | 'months'>,
): { readonly from: LocalDate; readonly to: LocalDate } => ({
  from: o.start,
  to: addDays(addMonths(o.start, o.months), -1),
})

// Registrations follow the school year: more in September and October, fewer in summer and December.
const SEASON = [1, 1, 1.05, 1, 0.95, 0.9, 0.75, 0.6, 1.4, 1.3, 1.05, 0.8] as const

const drawRegistrationDay = (rng: Prng, from: LocalDate, lastDay: number): LocalDate => {
  for (;;) {
    const day = addDays(from, rng.int(0, lastDay))
    if (rng.next() * 1.4 < (SEASON[Number(day.slice(5, 7)) - 1] ?? 1)) return day
  }
}

const populate = (
  rng: Prng,
  options: SimulationOptions,
  network: ReadonlyArray<MissionLocale>,
): ReadonlyArray<Youth> => {
  const { from, to } = simulationPeriod(options)
  // Registrations stop two weeks before the end, so the last ones have a first follow-up in the period.
  const lastDay = Math.max(0, daysBetween(from, to) - 14)
  const days = Array.from({ length: options.youths }, () => drawRegistrationDay(rng, from, lastDay)).sort()
  const width = Math.max(5, String(options.youths).length)
  return days.map((registeredOn, index) => {
    const own = rng.fork(index)
    const ml = own.weighted(network.map((m) => [m, m.weight] as const))
    const person = drawPerson(own, registeredOn)
    const rqthOver26 = person.rqth && daysBetween(person.birthDate, registeredOn) >= 26 * 365
    const id = `y-${String(index + 1).padStart(width, '0')}` as YouthId
    return newYouth(
      index,
      id,
      person,
      registeredOn,
      drawProfile(own, rqthOver26),
      own,
      ml.id,
      own.pick(ml.counsellors),
    )
  })
}

/** Progress of a run: days simulated out of the total. */
export type SimulationProgress = (daysDone: number, daysTotal: number) => void

/**
 * Simulates the network deterministically from the seed, sending every command through `ports`.
 * Journeys are processed day by day, so the global log interleaves streams like a real network;
 * the young people due on a day act concurrently (`concurrency` at a time, each one's commands in
 * order), and what they share is touched in their order: every stream's events, the counters and
 * the read models are the same whatever the interleaving.
 * Returns the counters, or the message of the store or vault failure that stopped it.
 */
export const simulateNetwork = async (
  options: SimulationOptions,
  ports: SimulationPorts,
  onProgress: SimulationProgress = () => undefined,
): Promise<Either<string, SimulationStats>> => {
  const rng = createPrng(options.seed)
  const network = buildNetwork(rng.fork('network'), options.missions)
  const youths = populate(rng.fork('people'), options, network)
  const stats: SimulationStats = {
    youths: youths.length,
    commands: 0,
    events: 0,
    refused: {},
    trainingProposalsFromCatalogue: 0,
    proposalsFromPartnerOffers: 0,
  }
  // The day's order: a young person's place in it, and who has finished.
  let order: DayOrder = createDayOrder(0)
  const places = new Map<number, number>()
  const ctx: AgentContext = {
    ports,
    inTurn: (y) => order.turn(places.get(y.index) ?? 0),
    network,
    commandPrefix: `demo-s${options.seed}`,
    stats,
    sessions: new Map(),
    trainingSessions: options.trainingSessions ?? [],
    partnerOffers: options.partnerOffers ?? [],
  }
  const { from, to } = simulationPeriod(options)
  const total = daysBetween(from, to) + 1
  const agenda = new Map<LocalDate, number[]>()
  const wake = (y: Youth, on: LocalDate | null): void => {
    y.wakeOn = on !== null && on <= to ? on : null
    if (y.wakeOn === null) return
    const planned = agenda.get(y.wakeOn)
    if (planned === undefined) agenda.set(y.wakeOn, [y.index])
    else planned.push(y.index)
  }
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_SIMULATION_CONCURRENCY))
  // The young people of `indices` act concurrently, in their order for what they share.
  const together = async (indices: ReadonlyArray<number>, act: (y: Youth) => Promise<void>) => {
    order = createDayOrder(indices.length)
    places.clear()
    indices.forEach((index, place) => places.set(index, place))
    await inPool(indices, concurrency, async (index, place) => {
      try {
        await act(youths[index] as Youth)
      } finally {
        order.finish(place)
      }
    })
  }
  for (const y of youths) wake(y, y.registeredOn)
  try {
    for (let d = 0; d < total; d++) {
      const day = addDays(from, d)
      const due = [...new Set(agenda.get(day) ?? [])].sort((a, b) => a - b)
      agenda.delete(day)
      await together(due, async (y) => {
        if (y.wakeOn !== day) return
        await recall(ctx, y)
        await actOn(ctx, y, day)
        wake(y, nextWake(y, day))
        forget(y)
      })
      onProgress(d + 1, total)
    }
    await together(
      youths.map((y) => y.index),
      async (y) => {
        await recall(ctx, y)
        await finalTick(ctx, y, to)
        forget(y)
      },
    )
  } catch (e) {
    if (e instanceof SimulationFailed) return left(e.message)
    throw e
  }
  return right(stats)
}
