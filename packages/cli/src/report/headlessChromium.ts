import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// ---------------------------------------------------------------------------------------------
// utils: open a page in headless Chromium (Debian's `chromium`), for the report's tests
// ---------------------------------------------------------------------------------------------

/** Where Debian installs Chromium. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

/** Whether Chromium is installed. */
export const chromiumAvailable = (): boolean => existsSync(CHROMIUM)

/** Runs headless Chromium on a file with extra flags; resolves with its stdout. */
export const runChromium = (file: string, flags: ReadonlyArray<string>): Promise<string> => {
  const profile = mkdtempSync(join(tmpdir(), 'parcours-chromium-'))
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--hide-scrollbars',
    `--user-data-dir=${profile}`,
    '--virtual-time-budget=10000',
    ...flags,
    `file://${file}`,
  ]
  return new Promise<string>((resolve, reject) => {
    execFile(CHROMIUM, args, { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      rmSync(profile, { recursive: true, force: true })
      if (error) reject(new Error(`chromium failed: ${error.message}\n${stderr}`))
      else resolve(stdout)
    })
  })
}
