// Makes sure what `pnpm test` needs beyond node_modules is on this machine, before any test runs:
// Debian's Chromium, for the HTML report's test. As root it installs it with apt-get; otherwise it
// stops at once, printing the one command that would. CHROMIUM_PATH names another binary (the
// report's test reads the same variable).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

const INSTALL = 'apt-get install -y chromium'

/** What to do, from the facts of this machine: nothing, install Chromium, or stop with a message. */
export const planFor = ({ chromiumPath, chromiumFound, isRoot, aptGet }) => {
  if (chromiumFound) return { action: 'ok' }
  const custom = chromiumPath !== '/usr/bin/chromium'
  if (isRoot && aptGet && !custom) return { action: 'install' }
  const how = custom
    ? `install Chromium at ${chromiumPath}, or unset CHROMIUM_PATH and run: sudo ${INSTALL}`
    : `run: ${isRoot ? '' : 'sudo '}${INSTALL}`
  return {
    action: 'stop',
    message: `pnpm test needs Chromium at ${chromiumPath} (the HTML report's test); ${how}`,
  }
}

const main = () => {
  const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
  const aptGet = process.env['PARCOURS_NO_INSTALL'] === '1' ? false : existsSync('/usr/bin/apt-get')
  const plan = planFor({
    chromiumPath,
    chromiumFound: existsSync(chromiumPath),
    isRoot: process.getuid?.() === 0,
    aptGet,
  })
  if (plan.action === 'ok') return 0
  if (plan.action === 'install') {
    process.stderr.write(`Chromium is missing: ${INSTALL}\n`)
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    for (const args of [
      ['update', '-qq'],
      ['install', '-y', '-qq', 'chromium'],
    ]) {
      const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env })
      if (r.status !== 0) {
        process.stderr.write(`apt-get ${args.join(' ')} failed (exit ${r.status}); run: ${INSTALL}\n`)
        return 1
      }
    }
    if (existsSync(chromiumPath)) return 0
    process.stderr.write(`apt-get installed chromium, but ${chromiumPath} is still missing\n`)
    return 1
  }
  process.stderr.write(`${plan.message}\n`)
  return 1
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main()
