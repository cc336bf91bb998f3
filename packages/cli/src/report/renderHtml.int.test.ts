import { copyFileSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inProcessCli } from '../testing/inProcessCli.js'
import { CHROMIUM, chromiumAvailable, runChromium } from './headlessChromium.js'

// The demo's report, opened offline in headless Chromium: every chart must be drawn.
const { dir, parcours, remove } = inProcessCli('parcours-report-')
const report = join(dir, 'parcours-report.html')
afterAll(remove)

beforeAll(async () => {
  const demo = await parcours(
    '--store',
    'memory',
    'demo',
    '--youths',
    '300',
    '--months',
    '12',
    '--html',
    report,
  )
  expect(demo.code, demo.err).toBe(0)
}, 120_000)

describe('HTML report in headless Chromium', () => {
  it('finds Chromium (CI installs Debian chromium)', () => {
    expect(chromiumAvailable(), `${CHROMIUM} is missing: install it with 'apt-get install -y chromium'`).toBe(
      true,
    )
  })

  it('draws every chart, with no network', async () => {
    const dom = await runChromium(report, ['--dump-dom'])
    const expected = /data-charts-expected="(\d+)"/.exec(dom)?.[1]
    const rendered = /data-charts-rendered="(\d+)"/.exec(dom)?.[1]
    expect(expected).toBe('5')
    expect(rendered).toBe(expected)
    expect(dom).toContain('Positive exit rate by mission locale')
    expect(dom).toContain('ml-amiens')
  })

  it('renders a page that is not blank (screenshot kept at /tmp/parcours-report.png)', async () => {
    const png = join(dir, 'report.png')
    await runChromium(report, [`--screenshot=${png}`, '--window-size=1400,2000'])
    expect(readFileSync(png).subarray(1, 4).toString('ascii')).toBe('PNG')
    // Flat colour compresses to a few kilobytes; drawn charts and tables do not.
    expect(statSync(png).size).toBeGreaterThan(60_000)
    copyFileSync(png, '/tmp/parcours-report.png')
  })
})
