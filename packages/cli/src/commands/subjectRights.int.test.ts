import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inProcessCli } from '../testing/inProcessCli.js'

// The subject's rights from the command line: the access request's export.

const cli = inProcessCli('parcours-subject-', 'sqlite:subject.db')
const { dir, parcours, ok } = cli
afterAll(cli.remove)

const MANAGER = ['--as', 'manager:m-1@ml-a']
const A = ['--youth', 'y-a', '--mission-locale', 'ml-a']
const register = (youth: string, first: string, last: string, birth: string) =>
  ok(
    'register',
    '--youth',
    youth,
    '--mission-locale',
    'ml-a',
    '--counsellor',
    'c-1',
    '--birth-date',
    birth,
    '--on',
    '2025-01-06',
    '--first-name',
    first,
    '--last-name',
    last,
  )
const openings = async () =>
  (
    JSON.parse((await ok(...MANAGER, 'access-log', '--json')).out) as {
      entries: Array<{ actor: string; youthId: string; purpose: string; opened: string[] }>
    }
  ).entries

beforeAll(async () => {
  await register('y-a', 'Zéphyrine', 'Quellec', '2004-05-10')
  await ok('request', ...A, '--theme', 'housing', '--comment', 'Hébergée chez sa sœur', '--on', '2025-01-07')
  await ok('diagnostic', ...A, '--comment', 'Projet : aide à domicile', '--on', '2025-01-08')
  await register('y-other', 'Anatole', 'Brisebois', '2003-02-11')
})

describe('parcours access-request', () => {
  it('exports everything held about that young person only, decrypted, and logs it', async () => {
    const r = await ok(...MANAGER, 'access-request', '--youth', 'y-a')
    const exported = JSON.parse(r.out) as {
      youthId: string
      identity: Record<string, string>
      comments: Array<{ comment: { comment: string } }>
      events: Array<{ type: string }>
      openings: Array<{ purpose: string }>
    }
    expect(exported.youthId).toBe('y-a')
    expect(exported.identity).toEqual({
      birthDate: '2004-05-10',
      firstName: 'Zéphyrine',
      lastName: 'Quellec',
    })
    expect(exported.comments.map((c) => c.comment.comment)).toEqual([
      'Hébergée chez sa sœur',
      'Projet : aide à domicile',
    ])
    expect(exported.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['YouthRegistered', 'RequestRecorded', 'DiagnosticCompleted']),
    )
    for (const other of ['y-other', 'Anatole', 'Brisebois', '2003-02-11']) expect(r.out).not.toContain(other)
    expect((await openings()).map((e) => [e.actor, e.youthId, e.purpose, e.opened])).toEqual([
      ['manager:m-1@ml-a', 'y-a', 'access-request', ['comments', 'identity']],
    ])
    expect(exported.openings.map((e) => e.purpose)).toEqual(['access-request'])
  })

  it('is refused to a counsellor and to another mission locale’s manager (exit 1), recording nothing', async () => {
    const before = await openings()
    for (const [actor, rule] of [
      ['counsellor:c-1@ml-a', 'SubjectRightsByManager'],
      ['manager:m-2@ml-b', 'OtherMissionLocale'],
    ] as const) {
      const r = await parcours('--as', actor, 'access-request', '--youth', 'y-a')
      expect([r.code, r.out], actor).toEqual([1, ''])
      expect(r.err).toContain(`access denied to ${actor} by rule ${rule}`)
      expect(r.err).not.toContain('Zéphyrine')
    }
    expect(await openings()).toEqual(before)
  })

  it('writes into a file readable by its owner only, replacing only a previous export unless --force', async () => {
    const out = join(dir, 'export-y-a.json')
    const first = await ok(...MANAGER, 'access-request', '--youth', 'y-a', '--out', 'export-y-a.json')
    expect(first.out).toBe(`Subject access export written to ${out}\n`)
    expect(statSync(out).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ youthId: 'y-a' })
    await ok(...MANAGER, 'access-request', '--youth', 'y-a', '--out', 'export-y-a.json')

    const notes = join(dir, 'notes.txt')
    writeFileSync(notes, 'my notes\n')
    const before = await openings()
    const refused = await parcours(...MANAGER, 'access-request', '--youth', 'y-a', '--out', 'notes.txt')
    expect([refused.code, refused.out]).toEqual([2, ''])
    expect(refused.err).toContain(`--out: ${notes} exists and is not a Parcours subject access export`)
    expect(readFileSync(notes, 'utf8')).toBe('my notes\n')
    expect(await openings()).toEqual(before)
    await ok(...MANAGER, 'access-request', '--youth', 'y-a', '--out', 'notes.txt', '--force')
    expect(readFileSync(notes, 'utf8')).toContain('"parcoursSubjectAccess": 1')
  })

  it('exits 3 with one line and records nothing when the key store is missing', async () => {
    const keys = join(dir, 'subject.db.keys')
    const before = await openings()
    renameSync(keys, `${keys}.away`)
    try {
      const r = await parcours(...MANAGER, 'access-request', '--youth', 'y-a')
      expect([r.code, r.out]).toEqual([3, ''])
      expect(r.err.trim().split('\n')).toEqual([
        expect.stringMatching(/^parcours: key store unavailable: no key store at/),
      ])
      expect(existsSync(keys)).toBe(false)
    } finally {
      renameSync(`${keys}.away`, keys)
    }
    expect(await openings()).toEqual(before)
  })
})

describe('parcours rectify', () => {
  const filesBytes = () =>
    Buffer.concat(
      readdirSync(dir)
        .filter((f) => f.startsWith('subject.db'))
        .map((f) => readFileSync(join(dir, f))),
    )

  it('seals the corrected identity: show prints it, the old value is shown nowhere, no file holds either in clear', async () => {
    await register('y-r', 'Ophélie', 'Kerbrat', '2004-07-01')
    const r = await ok(
      'rectify',
      '--youth',
      'y-r',
      '--mission-locale',
      'ml-a',
      '--last-name',
      'Kerbrat-Le Goff',
      '--on',
      '2025-02-01',
    )
    expect(r.out).toMatch(/^Identity of y-r rectified \(lastName\): IdentityRectified@\d+, sealed\.\n$/)
    const shown = await ok(...MANAGER, 'show', '--youth', 'y-r')
    expect(shown.out).toContain(
      'Journey y-r — mission locale ml-a — birthDate: 2004-07-01, firstName: Ophélie, lastName: Kerbrat-Le Goff',
    )
    expect(shown.out).toMatch(/YouthRegistered .*personalData=rectified/)
    expect(shown.out).toMatch(
      /IdentityRectified personalData=birthDate: 2004-07-01, firstName: Ophélie, lastName: Kerbrat-Le Goff/,
    )
    expect(shown.out.replaceAll('Kerbrat-Le Goff', '')).not.toContain('Kerbrat')
    for (const value of ['Kerbrat', 'Ophélie', 'Le Goff']) expect(filesBytes().includes(value)).toBe(false)
    const log = await openings()
    expect(log.filter((e) => e.youthId === 'y-r').map((e) => [e.actor, e.purpose, e.opened])).toEqual([
      ['counsellor:c-test@ml-a', 'rectification', ['identity']],
      ['manager:m-1@ml-a', 'show', ['identity']],
    ])
    const exported = JSON.parse((await ok(...MANAGER, 'access-request', '--youth', 'y-r')).out) as {
      identity: Record<string, string>
    }
    expect(exported.identity).toEqual({
      birthDate: '2004-07-01',
      firstName: 'Ophélie',
      lastName: 'Kerbrat-Le Goff',
    })
  })

  it('refuses a rectification that corrects nothing (exit 2) and one after erasure (exit 1), writing nothing', async () => {
    await register('y-s', 'Gwenaëlle', 'Tanguy', '2004-07-01')
    const events = async () => (JSON.parse((await ok('verify', '--json')).out) as { events: number }).events
    const before = await events()
    const same = await parcours(
      'rectify',
      '--youth',
      'y-s',
      '--mission-locale',
      'ml-a',
      '--first-name',
      'Gwenaëlle',
    )
    expect([same.code, same.out]).toEqual([2, ''])
    expect(same.err).toContain('nothing to correct for y-s')
    const none = await parcours('rectify', '--youth', 'y-s', '--mission-locale', 'ml-a')
    expect(none.code).toBe(2)
    expect(await events()).toBe(before)
    await ok(...MANAGER, 'erase', '--youth', 'y-s', '--mission-locale', 'ml-a', '--on', '2025-03-01', '--yes')
    const after = await parcours(
      'rectify',
      '--youth',
      'y-s',
      '--mission-locale',
      'ml-a',
      '--last-name',
      'Le Bihan',
    )
    expect([after.code, after.out]).toEqual([1, ''])
    expect(after.err).toContain('refused by rule PersonalDataAlreadyErased')
  })
})
