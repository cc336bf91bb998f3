import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { CHROMIUM } from '../report/headlessChromium.js'

// ---------------------------------------------------------------------------------------------
// test support: Debian's Chromium, headless, driven by Playwright, with a fresh profile and
// nothing that reaches the network on its own
// ---------------------------------------------------------------------------------------------

export { CHROMIUM, chromiumAvailable } from '../report/headlessChromium.js'

/** A browser (one context, on its own fresh profile) and how to close it. */
export interface TestBrowser {
  readonly context: BrowserContext
  readonly close: () => Promise<void>
}

/** Launches headless Chromium on a fresh profile; `close` ends it and removes the profile folder. */
export const launchChromium = async (
  viewport: { readonly width: number; readonly height: number } = { width: 1400, height: 1000 },
): Promise<TestBrowser> => {
  const profile = mkdtempSync(join(tmpdir(), 'parcours-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
