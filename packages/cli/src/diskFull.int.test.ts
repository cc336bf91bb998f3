import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inProcessCli } from './testing/inProcessCli.js'
import { openSqliteFile as Database } from './testing/sqliteFile.js'

// A real full disk: the store on a 256 KiB tmpfs, registrations until it is full. A failed
// registration leaves no key (on the full volume itself, none once retention collected what the
// full key store could not discard), no partial journey, and the ones that succeeded are whole.
// Mounting needs root on Linux; elsewhere this suite does not run.

const canMount = process.platform === 'linux' && process.getuid?.() === 0

const registration = (n: number) => [
  'register',
  '--youth',
  `y-${n}`,
  '--mission-locale',
  'ml-a',
  '--counsellor',
  'c-1',
  '--birth-date',
  '2004-05-10',
  '--on',
  '2025-01-06',
  '--first-name',
  'Zéphyrine',
  '--last-name',
  'Quellec',
]

const MAX_REGISTRATIONS = 600
const FAILURES_WANTED = 5

describe.runIf(canMount)('registrations on a full disk (tmpfs)', () => {
  let root: string
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'parcours-disk-full-'))
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  // The key store on the full volume too, or on another one (a key file linked elsewhere): in the
  // second case the key is written and the events are not, which used to leave the key behind.
  for (const keysElsewhere of [false, true]) {
    it(`leaves no key and no partial journey when the events cannot be stored (keys ${keysElsewhere ? 'on another volume' : 'on the same volume'})`, async () => {
      const volume = join(root, keysElsewhere ? 'full-2' : 'full-1')
      mkdirSync(volume)
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', volume])
      const cli = inProcessCli('parcours-disk-full-cli-', `sqlite:${join(volume, 'journeys.db')}`)
      const keys = join(volume, 'journeys.db.keys')
      if (keysElsewhere) symlinkSync(join(cli.dir, 'keys-elsewhere.db'), keys)
      try {
        const registered: number[] = []
        const failures: string[] = []
        for (let n = 1; n <= MAX_REGISTRATIONS && failures.length < FAILURES_WANTED; n++) {
          const r = await cli.parcours(...registration(n))
          if (r.code === 0) registered.push(n)
          else {
            expect(r.code, r.err).toBe(3)
            expect(r.out).toBe('')
            // One line of error; before it, at most the warning that the key could not be discarded.
            const lines = r.err.split('\n').filter((l) => l.length > 0)
            const errors = lines.filter((l) => l.startsWith('parcours:'))
            expect(errors, r.err).toHaveLength(1)
            for (const l of lines.filter((x) => !x.startsWith('parcours:')))
              expect(l).toContain('the key of a failed registration is kept; collectOrphanKeys removes it')
            failures.push(errors[0] as string)
          }
        }
        expect(failures).toHaveLength(FAILURES_WANTED)
        for (const line of failures) expect(line).toMatch(/database or disk is full/)
        if (keysElsewhere)
          expect(failures.some((l) => l.startsWith('parcours: store unavailable: append failed'))).toBe(true)
        else {
          // On the full volume the key store may not even discard the key: once there is room
          // again, retention collects what is left (no grace: nothing is in flight here).
          execFileSync('mount', ['-o', 'remount,size=1m', volume])
          await cli.ok('retention', '--at', '2025-01-06', '--orphans-older-than', '0')
        }

        // Every key belongs to a registered young person, and every journey is whole.
        const keyDb = new Database(keys, { readonly: true })
        const withKey = (
          keyDb.prepare('SELECT youth_id FROM parcours_personal_keys ORDER BY youth_id').all() as Array<{
            youth_id: string
          }>
        ).map((r) => r.youth_id)
        keyDb.close()
        const eventDb = new Database(join(volume, 'journeys.db'), { readonly: true })
        const streams = (
          eventDb
            .prepare(
              'SELECT stream_name, group_concat(event_type) AS types FROM events GROUP BY stream_name ORDER BY stream_name',
            )
            .all() as Array<{ stream_name: string; types: string }>
        ).map((r) => [r.stream_name, r.types])
        eventDb.close()
        const expected = registered.map((n) => `y-${n}`).sort()
        expect(withKey).toEqual(expected)
        expect(streams).toEqual(expected.map((y) => [`journey-${y}`, 'YouthRegistered,FollowUpScheduled']))
        expect(registered.length).toBeGreaterThan(10)
      } finally {
        cli.remove()
        execFileSync('umount', [volume])
      }
    })
  }
})
