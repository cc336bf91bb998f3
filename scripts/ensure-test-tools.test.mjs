import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { planFor } from './ensure-test-tools.mjs'

const script = fileURLToPath(new URL('./ensure-test-tools.mjs', import.meta.url))
const debian = '/usr/bin/chromium'

describe('ensure-test-tools', () => {
  it('does nothing when Chromium is there', () => {
    expect(planFor({ chromiumPath: debian, chromiumFound: true, isRoot: false, aptGet: false })).toEqual({
      action: 'ok',
    })
  })

  it('installs Debian’s chromium as root with apt-get', () => {
    expect(planFor({ chromiumPath: debian, chromiumFound: false, isRoot: true, aptGet: true })).toEqual({
      action: 'install',
    })
  })

  it('otherwise stops, naming the one command that would install it', () => {
    const notRoot = planFor({ chromiumPath: debian, chromiumFound: false, isRoot: false, aptGet: true })
    expect(notRoot).toEqual({
      action: 'stop',
      message: expect.stringContaining('run: sudo apt-get install -y chromium'),
    })
    const noApt = planFor({ chromiumPath: debian, chromiumFound: false, isRoot: true, aptGet: false })
    expect(noApt).toEqual({
      action: 'stop',
      message: expect.stringContaining('run: apt-get install -y chromium'),
    })
    const custom = planFor({
      chromiumPath: '/opt/c/chrome',
      chromiumFound: false,
      isRoot: true,
      aptGet: true,
    })
    expect(custom).toMatchObject({ action: 'stop', message: expect.stringContaining('/opt/c/chrome') })
  })

  it('exits 1 at once with that command when Chromium is missing and cannot be installed', () => {
    const r = spawnSync(process.execPath, [script], {
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', PARCOURS_NO_INSTALL: '1' },
      encoding: 'utf8',
    })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('Chromium at /nonexistent/chromium')
    expect(r.stderr).toContain('apt-get install -y chromium')
  })

  it('exits 0 when CHROMIUM_PATH names a binary that exists', () => {
    const r = spawnSync(process.execPath, [script], {
      env: { ...process.env, CHROMIUM_PATH: process.execPath },
      encoding: 'utf8',
    })
    expect([r.status, r.stderr]).toEqual([0, ''])
  })
})
