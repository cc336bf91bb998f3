import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { locales, type Locale } from '../../i18n/index.js'
import { describeViolations, runAxe } from '../../testing/axe.js'
import { CHROMIUM, chromiumAvailable, launchChromium, type TestBrowser } from '../../testing/browser.js'
import { openPageFixture, renderFixturePages } from './pageFixture.js'
import { appCss } from './index.js'

// Every page in French and in English, opened in headless Chromium with its style sheet (served
// through a route: nothing reaches the network): axe-core finds no WCAG 2.1 AA violation, and a
// screenshot of each is kept as a test artefact. The results per page are written beside them.
const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/web-pages/', import.meta.url))
const ORIGIN = 'http://parcours.test'
let browser: TestBrowser
let h: Awaited<ReturnType<typeof openPageFixture>>
const results: Record<string, { violations: number; passes: number; needsReview: ReadonlyArray<string> }> = {}

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error(`these tests need Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`)
  mkdirSync(ARTIFACTS, { recursive: true })
  h = await openPageFixture()
  browser = await launchChromium({ width: 1280, height: 900 })
})

afterAll(async () => {
  writeFileSync(`${ARTIFACTS}axe-results.json`, `${JSON.stringify(results, null, 2)}\n`)
  await browser?.close()
  await h?.close()
})

// The pages of the fixture, by name (the first test checks the fixture renders exactly these).
const PAGES = [
  'login',
  'worklist',
  'journey',
  'journey-cej',
  'form-register',
  'form-offer',
  'form-appointment',
  'form-attendance',
  'form-outcome',
  'form-field-error',
  'form-rule-refused',
  'dashboard-manager',
  'dashboard-national',
  'dashboard-month',
  'targets',
  'error',
] as const

const rendered: Partial<Record<Locale, Readonly<Record<string, string>>>> = {}
let page: Page
let current = ''

describe('the pages in a browser', () => {
  beforeAll(async () => {
    for (const locale of locales) rendered[locale] = await renderFixturePages(h, locale)
    page = await browser.context.newPage()
    await page.route(`${ORIGIN}/**`, (route) =>
      new URL(route.request().url()).pathname === '/assets/app.css'
        ? route.fulfill({ contentType: 'text/css; charset=utf-8', body: appCss })
        : route.fulfill({ contentType: 'text/html; charset=utf-8', body: current }),
    )
  })

  it('are every page of the fixture', () => {
    for (const locale of locales)
      expect(Object.keys(rendered[locale] ?? {}).sort()).toEqual([...PAGES].sort())
  })

  for (const locale of locales)
    for (const name of PAGES)
      it(`${name} passes axe-core's WCAG 2.1 AA rules, in ${locale}`, async () => {
        current = rendered[locale]?.[name] ?? ''
        await page.goto(`${ORIGIN}/${name}`)
        // the style sheet applied: the skip link is moved off-screen until focused
        expect(await page.locator('a.skip').boundingBox()).toMatchObject({ x: -9999 })
        const result = await runAxe(page)
        results[`${name} (${locale})`] = {
          violations: result.violations.length,
          passes: result.passes,
          needsReview: result.needsReview.map((r) => r.id),
        }
        await page.screenshot({ path: `${ARTIFACTS}${name}-${locale}.png`, fullPage: true })
        expect(describeViolations(result)).toEqual([])
      })
})
