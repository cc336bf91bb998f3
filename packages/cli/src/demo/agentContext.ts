import {
  ageLimitsOf,
  defaultJourneyPolicy,
  foldJourney,
  initialJourneyState,
  type AgedJourney,
  type AgeLimits,
  type JourneyCommand,
  type LocalDate,
  type Sealed,
  type PartnerOfferRef,
  type TrainingRef,
} from '@parcours/domain'
import type { MissionLocale } from './network.js'
import { drawComment } from './people.js'
import type { DemoPersonalFields, SimulationPorts } from './ports.js'
import { parkGenerator, resumeGenerator, type Youth } from './youth.js'

// ---------------------------------------------------------------------------------------------
// model: what the agent of each young person shares — the ports, the network, the counters
// ---------------------------------------------------------------------------------------------

/** Counters of a simulation run. */
export interface SimulationStats {
  youths: number
  commands: number
  events: number
  /** Commands the domain refused, by rule (the simulator plays by the rules, so these stay rare). */
  readonly refused: Record<string, number>
  /** Training proposals that offered a session of the training catalogue. */
  trainingProposalsFromCatalogue: number
  /** Employment and apprenticeship proposals that offered a France Travail offer of the offer catalogue. */
  proposalsFromPartnerOffers: number
}

/** What every agent shares. */
export interface AgentContext {
  readonly ports: SimulationPorts
  /**
   * Resolves once every young person before this one in the day's order has finished the day:
   * awaited before touching what they share (a session's seats), so that it does not depend on
   * how their commands interleave.
   */
  readonly inTurn: (y: Youth) => Promise<void>
  readonly network: ReadonlyArray<MissionLocale>
  /** Prefix of every command id of this run (derived from the seed). */
  readonly commandPrefix: string
  readonly stats: SimulationStats
  /** Registrations of each collective session so far, by session id (the shell's count). */
  readonly sessions: Map<string, number>
  /** The training catalogue's sessions a training proposal may offer (none: no link). */
  readonly trainingSessions: ReadonlyArray<TrainingRef>
  /** The offer catalogue's open France Travail offers an employment or apprenticeship proposal may offer (none: no link). */
  readonly partnerOffers: ReadonlyArray<PartnerOfferRef>
}

/** Raised inside the simulation when the store or the vault fails; the run stops. */
export class SimulationFailed extends Error {
  override readonly name = 'SimulationFailed'
}

/** A command without the young person, mission locale and date, which `send` fills in. */
export type CommandBody = JourneyCommand extends infer C
  ? C extends JourneyCommand
    ? Omit<C, 'youthId' | 'missionLocaleId' | 'on'>
    : never
  : never

/** Sends a command through the handler and folds the events it wrote into the young person's state. */
export const send = async (
  ctx: AgentContext,
  y: Youth,
  on: LocalDate,
  body: CommandBody,
): Promise<boolean> => {
  y.sequence += 1
  // The simulator is its own shell: it knows the birth date, so it passes the age limits opened.
  const command = {
    ...body,
    youthId: y.id,
    missionLocaleId: y.missionLocaleId,
    on,
    ageLimits: ageLimitsOfYouth(y),
  }
  const result = await ctx.ports.send(`${ctx.commandPrefix}-${y.id}-${y.sequence}`, command)
  ctx.stats.commands += 1
  if (result._tag === 'Failed') throw new SimulationFailed(result.message)
  if (result._tag === 'Refused') {
    ctx.stats.refused[result.error._tag] = (ctx.stats.refused[result.error._tag] ?? 0) + 1
    return false
  }
  ctx.stats.events += result.events.length
  y.state = foldJourney(result.events, y.state)
  if (y.state.status !== 'unregistered') {
    y.missionLocaleId = y.state.missionLocaleId
    y.counsellorId = y.state.counsellorId
  }
  return true
}

/** Reads the young person's journey back from the handler, as they start a day of acting. */
export const recall = async (ctx: AgentContext, y: Youth): Promise<void> => {
  const journey = await ctx.ports.journey(y.id)
  if ('_tag' in journey) throw new SimulationFailed(journey.message)
  y.state = journey
  resumeGenerator(y)
}

/**
 * Lets the journey go once the day is done (the handler's cache and snapshots keep it), and
 * parks the young person's generator: what it will draw next is kept, not its closures.
 */
export const forget = (y: Youth): void => {
  y.state = initialJourneyState
  parkGenerator(y)
}

/** Seals personal fields through the vault. */
export const seal = async (ctx: AgentContext, y: Youth, fields: DemoPersonalFields): Promise<Sealed> => {
  const sealed = await ctx.ports.seal(y.id, fields)
  if ('_tag' in sealed) throw new SimulationFailed(sealed.message)
  return sealed
}

/** A sealed counsellor comment with probability `p`, else null. */
export const maybeComment = async (ctx: AgentContext, y: Youth, p: number): Promise<Sealed | null> =>
  y.rng.chance(p) ? seal(ctx, y, { comment: drawComment(y.rng, y.person) }) : null

/** The young person's age limits, from the birth date and RQTH status the simulator drew. */
export const ageLimitsOfYouth = (y: Youth): AgeLimits =>
  ageLimitsOf(y.person.birthDate, y.person.rqth, defaultJourneyPolicy)

/** The registered journey with its age limits, or null when it is not (or no longer) open. */
export const openJourney = (y: Youth): AgedJourney | null =>
  y.state.status === 'open' ? { ...y.state, ...ageLimitsOfYouth(y) } : null
