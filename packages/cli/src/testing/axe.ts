import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

// ---------------------------------------------------------------------------------------------
// test support: axe-core, injected from node_modules into a page (no network), run against the
// WCAG 2.1 A and AA rules RGAA follows. For every page a browser test opens:
//
//   const result = await runAxe(page)
//   expect(describeViolations(result)).toEqual([])
// ---------------------------------------------------------------------------------------------

const axeSource = (): string =>
  readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** The WCAG levels checked: 2.0 and 2.1, A and AA (RGAA 4 follows WCAG 2.1 AA). */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const

/** One rule axe found broken, with the elements that break it. */
export interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly targets: ReadonlyArray<string>
}

/** What axe found on a page. */
export interface AxeResult {
  readonly violations: ReadonlyArray<AxeViolation>
  /** How many rules passed. */
  readonly passes: number
  /** The rules axe could not decide, for a person to check (axe's "incomplete"), with their elements. */
  readonly needsReview: ReadonlyArray<{ readonly id: string; readonly targets: ReadonlyArray<string> }>
}

interface RawResult {
  violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> }>
  passes: unknown[]
  incomplete: Array<{ id: string; nodes: Array<{ target: unknown[] }> }>
}

/** Runs axe-core on the page as it is now (WCAG 2.1 AA rules). */
export const runAxe = async (page: Page): Promise<AxeResult> => {
  await page.addScriptTag({ content: axeSource() })
  const raw = await page.evaluate(
    // runs in the page: `document` is the page's, reached through globalThis (no DOM types here)
    (tags) => {
      const g = globalThis as unknown as {
        document: unknown
        axe: { run: (ctx: unknown, o: unknown) => Promise<unknown> }
      }
      return g.axe.run(g.document, { runOnly: { type: 'tag', values: tags } })
    },
    [...WCAG_AA_TAGS],
  )
  const r = raw as RawResult
  return {
    violations: r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    })),
    passes: r.passes.length,
    needsReview: r.incomplete.map((v) => ({
      id: v.id,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    })),
  }
}

/** Violations as one readable line each, for an assertion's diff. */
export const describeViolations = (r: AxeResult): ReadonlyArray<string> =>
  r.violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.targets.slice(0, 5).join(', ')}`)
