import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { DashboardFigures } from '@parcours/projections'
import type { MessageKey } from '../i18n/index.js'

// ---------------------------------------------------------------------------------------------
// model: the targets a manager sets, per indicator, and whether a period is on target
// ---------------------------------------------------------------------------------------------

/** How an indicator reads and which way is good. */
interface TargetRule {
  readonly unit: 'count' | 'share' | 'days'
  readonly direction: 'at-least' | 'at-most'
  readonly label: MessageKey
  readonly valueOf: (f: DashboardFigures) => number | null
}

/** The indicators a target may be set for, with their direction. */
export const targetRules = {
  firstReceptions: {
    unit: 'count',
    direction: 'at-least',
    label: 'dashboard.firstReceptions',
    valueOf: (f) => f.firstReceptions,
  },
  inContact: {
    unit: 'count',
    direction: 'at-least',
    label: 'dashboard.inContact',
    valueOf: (f) => f.inContact,
  },
  positiveExitRate: {
    unit: 'share',
    direction: 'at-least',
    label: 'dashboard.positiveExitRate',
    valueOf: (f) => f.positiveExitRate,
  },
  seenFiveTimes: {
    unit: 'share',
    direction: 'at-least',
    label: 'dashboard.seenFiveTimes',
    valueOf: (f) => f.seenFiveTimes.share,
  },
  medianDaysToFirstProposal: {
    unit: 'days',
    direction: 'at-most',
    label: 'dashboard.medianDaysToFirstProposal',
    valueOf: (f) => f.medianDaysToFirstProposal,
  },
  medianDaysToFirstTrainingOrJob: {
    unit: 'days',
    direction: 'at-most',
    label: 'dashboard.medianDaysToFirstTrainingOrJob',
    valueOf: (f) => f.medianDaysToFirstTrainingOrJob,
  },
} as const satisfies Record<string, TargetRule>

/** An indicator a target may be set for. */
export type TargetIndicator = keyof typeof targetRules

/** The indicators, in the order the report shows them. */
export const targetIndicators = Object.keys(targetRules) as ReadonlyArray<TargetIndicator>

/** Targets per indicator; shares as fractions of 1. */
export type Targets = Partial<Record<TargetIndicator, number>>

/** Whether a value meets its target; `unknown` when there is nothing to measure yet. */
export type TargetStatus = 'met' | 'missed' | 'unknown'

/** The status of `value` against `target` for an indicator. */
export const targetStatus = (
  indicator: TargetIndicator,
  value: number | null,
  target: number,
): TargetStatus =>
  value === null
    ? 'unknown'
    : (targetRules[indicator].direction === 'at-least' ? value >= target : value <= target)
      ? 'met'
      : 'missed'

const isIndicator = (k: string): k is TargetIndicator => k in targetRules

/**
 * Targets from a targets file's JSON: `{ "positiveExitRate": 44, "medianDaysToFirstProposal": 30 }`
 * — rates in percent (0–100), counts and days as whole or decimal numbers ≥ 0. Anything else is
 * one error naming the key.
 */
export const parseTargets = (json: string): Either<string, Targets> => {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (e) {
    return left(`the targets file is not JSON (${(e as Error).message})`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return left('the targets file must hold one JSON object, e.g. { "positiveExitRate": 44 }')
  const targets = targetsFromObject(value as Readonly<Record<string, unknown>>)
  return isLeft(targets) ? left(targets.left.message) : targets
}

/** A target that cannot be set: the indicator it names and why. */
export interface TargetError {
  readonly indicator: string
  readonly message: string
}

/**
 * Targets from indicator → number (rates in percent, 0–100), as a targets file or the targets
 * form gives them; the first wrong one is an error naming it.
 */
export const targetsFromObject = (value: Readonly<Record<string, unknown>>): Either<TargetError, Targets> => {
  const targets: Targets = {}
  for (const [key, v] of Object.entries(value)) {
    if (!isIndicator(key))
      return left({
        indicator: key,
        message: `unknown indicator "${key}" (known: ${targetIndicators.join(', ')})`,
      })
    const rule: TargetRule = targetRules[key]
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      return left({ indicator: key, message: `"${key}" must be a number ≥ 0` })
    if (rule.unit === 'share' && v > 100)
      return left({ indicator: key, message: `"${key}" is a rate in percent: from 0 to 100` })
    targets[key] = rule.unit === 'share' ? v / 100 : v
  }
  return right(targets)
}

/** Targets as a targets file or the form writes them: rates in percent. */
export const targetsToObject = (targets: Targets): Readonly<Record<string, number>> =>
  Object.fromEntries(
    Object.entries(targets).map(([k, v]) => [
      k,
      isIndicator(k) && targetRules[k].unit === 'share' ? Math.round(v * 100 * 1e6) / 1e6 : v,
    ]),
  )
