import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inProcessCli } from '../testing/inProcessCli.js'

// Report files never replace what is not a previous Parcours report, unless --force.

const { dir, parcours, ok, remove } = inProcessCli('parcours-report-file-', 'sqlite:r.db')
afterAll(remove)
const precious = 'root:x:0:0:root:/root:/bin/bash\n'
const AS = ['--as', 'statistician:s-1']

beforeAll(async () => {
  await ok(
    'register',
    '--youth',
    'y-1',
    '--mission-locale',
    'ml-a',
    '--counsellor',
    'c-1',
    '--birth-date',
    '2005-01-01',
    '--on',
    '2025-03-01',
  )
})

describe('report files', () => {
  it.each([['--html'], ['--json'], ['--csv']])(
    '%s refuses to replace a file that is not a report, and changes nothing',
    async (flag) => {
      const file = join(dir, `precious${flag}`)
      writeFileSync(file, precious)
      const r = await parcours(...AS, 'report', flag, file)
      expect([r.code, r.err]).toEqual([
        2,
        expect.stringContaining(`${flag}: ${file} exists and is not a Parcours`),
      ])
      expect(r.err).toContain('--force')
      expect(readFileSync(file, 'utf8')).toBe(precious)
    },
  )

  it.each([['--html'], ['--json'], ['--csv']])(
    '%s replaces a previous report, and anything with --force',
    async (flag) => {
      const file = join(dir, `report${flag}`)
      const first = await ok(...AS, 'report', flag, file)
      expect(first.out).toBe(`Report written to ${file}\n`)
      const written = readFileSync(file, 'utf8')
      expect((await ok(...AS, 'report', flag, file)).out).toBe(`Report written to ${file}\n`)
      expect(readFileSync(file, 'utf8')).toBe(written)
      const other = join(dir, `other${flag}`)
      writeFileSync(other, precious)
      await ok(...AS, 'report', flag, other, '--force')
      expect(readFileSync(other, 'utf8')).toBe(written)
    },
  )

  it('writes to stdout when --json and --csv name no file', async () => {
    expect((await ok(...AS, 'report', '--json')).out).toMatch(/^\{\n {2}"missionLocaleId": null/)
    expect((await ok(...AS, 'report', '--csv')).out).toMatch(/^scope,month,/)
  })

  it('follows a symbolic link, judges the file it leads to, and names the resolved path', async () => {
    const target = join(dir, 'target.html')
    writeFileSync(target, precious)
    const link = join(dir, 'link.html')
    symlinkSync(target, link)
    const refused = await parcours(...AS, 'report', '--html', link)
    expect([refused.code, refused.err]).toEqual([2, expect.stringContaining(`--html: ${target} exists`)])
    expect(readFileSync(target, 'utf8')).toBe(precious)
    const forced = await ok(...AS, 'report', '--html', link, '--force')
    expect(forced.out).toBe(`Report written to ${target} (${link} resolved)\n`)
    expect(readFileSync(target, 'utf8')).toContain('<meta name="generator" content="parcours report">')
  })

  it('never writes into a folder, a device or a missing folder, even with --force', async () => {
    mkdirSync(join(dir, 'a-folder'))
    for (const [path, message] of [
      [join(dir, 'a-folder'), 'is a folder'],
      ['/dev/null', 'is not a regular file'],
      [join(dir, 'missing', 'r.html'), 'does not exist'],
    ] as const) {
      const r = await parcours(...AS, 'report', '--html', path, '--force')
      expect([r.code, r.err], path).toEqual([2, expect.stringContaining(message)])
    }
  })
})
