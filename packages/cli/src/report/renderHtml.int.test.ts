import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeViolations, runAxe } from '../testing/axe.js'
import { CHROMIUM, chromiumAvailable, launchChromium, type TestBrowser } from '../testing/browser.js'
import { inProcessCli } from '../testing/inProcessCli.js'

// The report of a demo store, in French and in English, opened offline in headless Chromium:
// axe-core finds no WCAG 2.1 AA violation, and a screenshot of each is kept as a test artefact.
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url))
const { dir, parcours, remove } = inProcessCli('parcours-report-html-')
const store = `sqlite:${join(dir, 'parcours.db')}`
let browser: TestBrowser

beforeAll(async () => {
  const demo = await parcours(
    '--store',
    store,
    'demo',
    '--youths',
    '300',
    '--months',
    '12',
    '--start',
    '2025-01-15',
    '--no-html',
  )
  expect(demo.code, demo.err).toBe(0)
  writeFileSync(
    join(dir, 'targets.json'),
    JSON.stringify({
      positiveExitRate: 45,
      seenFiveTimes: 35,
      medianDaysToFirstProposal: 30,
      firstReceptions: 150,
    }),
  )
  for (const lang of ['fr', 'en']) {
    const r = await parcours(
      '--store',
      store,
      'report',
      '--from',
      '2025-08',
      '--to',
      '2026-01',
      '--at',
      '2026-01-14',
      '--targets',
      join(dir, 'targets.json'),
      '--lang',
      lang,
      '--html',
      join(dir, `report-${lang}.html`),
    )
    expect(r.code, r.err).toBe(0)
  }
  browser = await launchChromium()
  mkdirSync(ARTIFACTS, { recursive: true })
}, 240_000)

afterAll(async () => {
  await browser?.close()
  remove()
})

describe('HTML report in headless Chromium', () => {
  it('finds Chromium (CI installs Debian chromium)', () => {
    expect(chromiumAvailable(), `${CHROMIUM} is missing: install it with 'apt-get install -y chromium'`).toBe(
      true,
    )
  })

  for (const lang of ['fr', 'en'] as const)
    it(`has no accessibility violation (axe-core, WCAG 2.1 AA) in ${lang}, loads nothing, and is kept as report-${lang}.png`, async () => {
      const page = await browser.context.newPage()
      const requests: string[] = []
      page.on('request', (r) => {
        if (!r.url().startsWith('file://')) requests.push(r.url())
      })
      await page.goto(`file://${join(dir, `report-${lang}.html`)}`)
      expect(await page.getAttribute('html', 'lang')).toBe(lang)
      expect(await page.locator('figure.chart svg').count()).toBe(6)
      expect(await page.locator('figure.chart details table caption').count()).toBe(6)
      // every table alternative, opened, is checked too
      for (const d of await page.locator('details').all()) await d.evaluate((e) => e.setAttribute('open', ''))
      const result = await runAxe(page)
      writeFileSync(join(ARTIFACTS, `report-${lang}.axe.json`), `${JSON.stringify(result, null, 2)}\n`)
      expect(describeViolations(result)).toEqual([])
      expect(result.passes).toBeGreaterThan(10)
      for (const d of await page.locator('details').all()) await d.evaluate((e) => e.removeAttribute('open'))
      const png = join(ARTIFACTS, `report-${lang}.png`)
      await page.screenshot({ path: png, fullPage: true })
      // Flat colour compresses to a few kilobytes; drawn charts and tables do not.
      expect(statSync(png).size).toBeGreaterThan(100_000)
      expect(requests).toEqual([])
      await page.close()
    })
})
