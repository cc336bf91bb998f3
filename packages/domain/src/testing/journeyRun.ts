import * as fc from 'fast-check'
import type { Decider } from '../decider/decider.js'
import { journeyDecider } from '../decider/journeyDecider.js'
import { addDays, daysBetween } from '../model/calendar.js'
import type { JourneyCommand } from '../model/commands.js'
import type { JourneyError } from '../model/errors.js'
import type { JourneyEvent } from '../model/events.js'
import type { LocalDate } from '../model/localDate.js'
import type { JourneyState } from '../model/state.js'
import type { JourneyScriptOptions } from './arbitraries.js'
import { arbAnyCommand, arbJourney } from './arbitraries.js'
import type { JourneyScript } from './journeyScript.js'
import { redated } from './journeyScript.js'
import { openingForTest } from './openedAgeLimits.js'

// ---------------------------------------------------------------------------------------------
// Runs of arbitrary commands after a valid journey, dated forward or anywhere inside the journey
// (saisie a posteriori), and the same commands replayed under ticks of any lateness.
// ---------------------------------------------------------------------------------------------

type JourneyDeciderLike = Decider<JourneyCommand, JourneyState, JourneyEvent, JourneyError>

/** How aimed commands are dated: just after the last fact, or anywhere from the registration on. */
export type Dating = 'forward' | 'anywhere'

/** One command of a run, with the state it met and what it decided. */
export interface RunStep {
  readonly before: JourneyState
  readonly command: JourneyCommand
  readonly decision: ReturnType<JourneyDeciderLike['decide']>
  readonly after: JourneyState
}

/** A valid script followed by arbitrary commands: every step, all accepted events, the final state. */
export interface JourneyRun {
  readonly script: JourneyScript
  readonly steps: ReadonlyArray<RunStep>
  readonly events: ReadonlyArray<JourneyEvent>
  readonly state: JourneyState
}

/**
 * A command aimed at the script's journey (its youth and current mission locale), dated `on`
 * picked from the command's own date: shortly after `lastOn` ('forward'), or anywhere between the
 * registration and shortly after `lastOn` ('anywhere'); its other dates move alike.
 */
export const aimedAt = (
  script: JourneyScript,
  state: JourneyState,
  c: JourneyCommand,
  aim: boolean,
  lastOn: LocalDate,
  dating: Dating = 'forward',
): JourneyCommand => {
  if (!aim) return c
  const missionLocaleId = state.status === 'unregistered' ? script.missionLocaleId : state.missionLocaleId
  const seed = Number(c.on.slice(0, 4)) * 400 + Number(c.on.slice(5, 7)) * 31 + Number(c.on.slice(8))
  const from = state.status === 'unregistered' ? lastOn : state.registeredOn
  const on =
    dating === 'forward' ? addDays(lastOn, seed % 15) : addDays(from, seed % (daysBetween(from, lastOn) + 15))
  return redated({ ...c, youthId: script.youthId, missionLocaleId }, on)
}

/** The latest business date among the events. */
export const lastDate = (events: ReadonlyArray<JourneyEvent>): LocalDate =>
  events.reduce((d, e) => (e.on > d ? e.on : d), '2024-01-01' as LocalDate)

/** Runs commands (each with whether to aim it) after a valid script. */
const runAfter = (
  script: JourneyScript,
  commands: ReadonlyArray<readonly [JourneyCommand, boolean]>,
  dating: Dating = 'forward',
  decider: JourneyDeciderLike = openingForTest(journeyDecider),
): JourneyRun => {
  const steps: RunStep[] = []
  const events: JourneyEvent[] = [...script.events]
  let state = script.state
  let lastOn = lastDate(script.events)
  for (const [raw, aim] of commands) {
    const command = aimedAt(script, state, raw, aim, lastOn, dating)
    const decision = decider.decide(command, state)
    const after = decision._tag === 'Right' ? decision.right.reduce(decider.evolve, state) : state
    if (decision._tag === 'Right') {
      events.push(...decision.right)
      if (command.on > lastOn) lastOn = command.on
    }
    steps.push({ before: state, command, decision, after })
    state = after
  }
  return { script, steps, events, state }
}

/** Options of a generated run. */
export interface JourneyRunOptions extends JourneyScriptOptions {
  readonly dating?: Dating
  /** How many arbitrary commands after the script (default up to 25). */
  readonly maxCommands?: number
}

/** A valid journey followed by arbitrary commands, most of them aimed at it (and so often refused). */
export const arbJourneyRun = (o: JourneyRunOptions = {}): fc.Arbitrary<JourneyRun> =>
  fc
    .record({
      script: arbJourney(o),
      commands: fc.array(
        fc.tuple(
          arbAnyCommand,
          fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
        ),
        { maxLength: o.maxCommands ?? 25 },
      ),
    })
    .map(({ script, commands }) => runAfter(script, commands, o.dating ?? 'forward', o.decider))

/** Lateness of the clock: the days between two ticks, 1 (daily) to `max` (default 90). */
export const arbTickGaps = (max = 90): fc.Arbitrary<ReadonlyArray<number>> =>
  fc.array(fc.oneof(fc.constant(1), fc.integer({ min: 1, max })), { minLength: 1, maxLength: 60 })

/** What a replay under a clock gives: each command's outcome (an error tag or 'accepted') and every event. */
export interface Replay {
  readonly outcomes: ReadonlyArray<string>
  readonly events: ReadonlyArray<JourneyEvent>
  readonly state: JourneyState
}

/**
 * Replays commands dated in order, with the clock's tick at the end of the days it runs (after
 * that day's commands): every day with `gaps` all 1, or late by each gap in turn (the last gap
 * repeating), and once more on `until`.
 */
export const replayWithTicks = (
  commands: ReadonlyArray<JourneyCommand>,
  gaps: ReadonlyArray<number>,
  until: LocalDate,
  decider: JourneyDeciderLike = openingForTest(journeyDecider),
): Replay => {
  const outcomes: string[] = []
  const events: JourneyEvent[] = []
  let state = decider.initialState
  const issue = (c: JourneyCommand, record: boolean) => {
    const d = decider.decide(c, state)
    if (record) outcomes.push(d._tag === 'Left' ? d.left._tag : 'accepted')
    if (d._tag === 'Right') {
      events.push(...d.right)
      state = d.right.reduce(decider.evolve, state)
    }
  }
  const first = commands[0]
  if (first === undefined) return { outcomes, events, state }
  const tick = (on: LocalDate) =>
    state.status === 'open' &&
    issue(
      { type: 'ApplyTimeRules', youthId: state.youthId, missionLocaleId: state.missionLocaleId, on },
      false,
    )
  let nextTick = first.on
  let g = 0
  const tickUntil = (before: LocalDate) => {
    while (nextTick < before) {
      tick(nextTick)
      nextTick = addDays(nextTick, Math.max(1, gaps[Math.min(g, gaps.length - 1)] ?? 1))
      g += 1
    }
  }
  for (const c of commands) {
    tickUntil(c.on)
    issue(c, true)
  }
  tickUntil(until)
  tick(until)
  return { outcomes, events, state }
}
