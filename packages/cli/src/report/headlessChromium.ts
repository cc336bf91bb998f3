import { existsSync } from 'node:fs'

// ---------------------------------------------------------------------------------------------
// utils: where the browser tests find Debian's Chromium
// ---------------------------------------------------------------------------------------------

/** Where Debian installs Chromium (CHROMIUM_PATH names another binary). */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

/** Whether Chromium is installed. */
export const chromiumAvailable = (): boolean => existsSync(CHROMIUM)
