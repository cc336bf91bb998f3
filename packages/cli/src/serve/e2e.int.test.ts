import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page, type Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeViolations, runAxe } from '../testing/axe.js'
import { CHROMIUM, chromiumAvailable, launchChromium, type TestBrowser } from '../testing/browser.js'
import { PASSWORD, startServeFixture, type ServeFixture } from './testing/serveFixture.js'

// The web module end to end in Debian's Chromium: a counsellor logs in, sees the worklist,
// registers a young person, opens the journey, offers a proposal, and sees a refused form say
// the rule; on every page the CSP header is sent, the console reports no CSP violation, and axe
// finds no WCAG 2.1 AA violation. A screenshot of each page is kept as a test artefact.

const ARTEFACTS = join(dirname(fileURLToPath(import.meta.url)), '../../test-artifacts/serve')

let f: ServeFixture
let browser: TestBrowser
let page: Page
// axe runs in a page of its own: injected into the page under test, its script would be (rightly)
// blocked by the CSP. That page ignores the CSP and is given the very HTML the tested page got.
let axeBrowser: Browser
let axePage: Page
const consoleErrors: string[] = []
const axeResults: Record<string, number> = {}

beforeAll(async () => {
  expect(chromiumAvailable(), `${CHROMIUM} is missing: install it with 'apt-get install -y chromium'`).toBe(
    true,
  )
  mkdirSync(ARTEFACTS, { recursive: true })
  f = await startServeFixture()
  browser = await launchChromium()
  page = await browser.context.newPage()
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => consoleErrors.push(e.message))
  axeBrowser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  })
  axePage = await (await axeBrowser.newContext({ bypassCSP: true })).newPage()
})
afterAll(async () => {
  await axeBrowser?.close()
  await browser?.close()
  await f?.close()
})

// Each page: the CSP header on its answer, axe clean, a screenshot.
const checkPage = async (name: string, answer: Response | null) => {
  expect(answer, name).not.toBeNull()
  const csp = (await answer?.allHeaders())?.['content-security-policy'] ?? ''
  expect(csp, name).toContain("default-src 'self'")
  const html = await page.content()
  const url = page.url()
  await axePage.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }))
  await axePage.goto(url)
  await axePage.unroute(url)
  const axe = await runAxe(axePage)
  expect(describeViolations(axe), name).toEqual([])
  axeResults[name] = axe.violations.length
  await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true })
}

// Submits the page's command form and waits for the answer to the POST's navigation.
const submit = async () => {
  const [answer] = await Promise.all([
    page.waitForNavigation(),
    page.click('form.command button[type=submit]'),
  ])
  return answer
}

describe('parcours serve in a browser', () => {
  it('logs a counsellor in and shows the worklist', async () => {
    const login = await page.goto(`${f.url}/`)
    expect(page.url()).toBe(`${f.url}/login`)
    await checkPage('01-login', login)
    await page.fill('#login', 'c-1')
    await page.fill('#password', PASSWORD)
    const [worklist] = await Promise.all([
      page.waitForNavigation(),
      page.click('form.login button[type=submit]'),
    ])
    expect(page.url()).toBe(`${f.url}/worklist`)
    await checkPage('02-worklist', worklist)
  })

  it('registers a young person through the form and opens the journey', async () => {
    const form = await page.goto(`${f.url}/journeys/new`)
    await checkPage('03-register-form', form)
    await page.fill('#f-youthId', 'y-web')
    await page.fill('#f-on', '2025-01-13')
    await page.fill('#f-personal-firstName', 'Camille')
    await page.fill('#f-personal-lastName', 'Durand')
    await page.fill('#f-birthDate', '2006-04-02')
    const journey = await submit()
    expect(page.url()).toBe(`${f.url}/journeys/y-web`)
    expect(await page.textContent('main')).toContain('Camille')
    await checkPage('04-journey', journey)
  })

  it('offers a proposal from the journey', async () => {
    const form = await page.goto(`${f.url}/journeys/y-web/offer`)
    await checkPage('05-offer-form', form)
    await page.fill('#f-proposalId', 'p-web')
    await page.fill('#f-on', '2025-01-14')
    await page.selectOption('#f-theme', 'training')
    await page.fill('#f-respondBy', '2025-02-14')
    await submit()
    expect(page.url()).toBe(`${f.url}/journeys/y-web`)
    expect(await page.textContent('main')).toContain('p-web')
  })

  it('shows the rule in place when a form is refused, with the values kept', async () => {
    await page.goto(`${f.url}/journeys/new`)
    await page.fill('#f-youthId', 'y-young')
    await page.fill('#f-on', '2025-01-13')
    await page.fill('#f-birthDate', '2012-04-02')
    const refused = await submit()
    expect(refused?.status()).toBe(422)
    expect(await page.textContent('[role=alert]')).toContain('NotEligible')
    expect(await page.inputValue('#f-youthId')).toBe('y-young')
    await checkPage('06-register-refused', refused)
  })

  it('records an appointment', async () => {
    const form = await page.goto(`${f.url}/journeys/y-web/appointment`)
    await checkPage('07-appointment-form', form)
    await page.fill('#f-on', '2025-01-14')
    await page.fill('#f-dueOn', '2025-01-21')
    await page.selectOption('#f-kind', 'individual-interview')
    const journey = await submit()
    expect(page.url()).toBe(`${f.url}/journeys/y-web`)
    expect(await page.textContent('main')).toContain('2025')
    await checkPage('08-journey-after', journey)
  })

  it('logs the manager in: the dashboard, a month drilled down, the targets form, the CSV export (UTF-8 BOM for a French spreadsheet)', async () => {
    await Promise.all([page.waitForNavigation(), page.click('header form button[type=submit]')])
    expect(page.url()).toBe(`${f.url}/login`)
    await page.fill('#login', 'm-1')
    await page.fill('#password', PASSWORD)
    const [dashboard] = await Promise.all([
      page.waitForNavigation(),
      page.click('form.login button[type=submit]'),
    ])
    expect(page.url()).toBe(`${f.url}/dashboard`)
    await checkPage('09-dashboard', dashboard)
    const month = await page.goto(`${f.url}/dashboard?month=2025-01`)
    await checkPage('10-dashboard-month', month)
    const targets = await page.goto(`${f.url}/dashboard/targets`)
    await checkPage('11-targets', targets)
    const csv = await page.request.get(`${f.url}/dashboard.csv?excel=1`)
    expect(csv.status()).toBe(200)
    expect(csv.headers()['content-type']).toContain('text/csv')
    expect((await csv.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  })

  it('reports no Content-Security-Policy violation (nor any error) in the console', () => {
    // The refused form's answer is a 422, which Chromium reports as a failed load: that one is expected.
    expect(consoleErrors.filter((e) => !e.includes('status of 422'))).toEqual([])
    expect(consoleErrors.filter((e) => e.includes('Content Security Policy'))).toEqual([])
    expect(Object.keys(axeResults).sort()).toEqual([
      '01-login',
      '02-worklist',
      '03-register-form',
      '04-journey',
      '05-offer-form',
      '06-register-refused',
      '07-appointment-form',
      '08-journey-after',
      '09-dashboard',
      '10-dashboard-month',
      '11-targets',
    ])
  })
})
