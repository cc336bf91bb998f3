import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { inProcessCli } from '../testing/inProcessCli.js'

// `parcours serve accounts`: the password comes from PARCOURS_PASSWORD (or standard input), never
// an argument, and only its bcrypt hash is written.

const { asGiven, dir, remove } = inProcessCli('parcours-serve-accounts-', 'sqlite:p.db')
afterAll(remove)
const PASSWORD = { PARCOURS_PASSWORD: 'correct horse battery staple' }

describe('parcours serve accounts', () => {
  it('adds an account beside the store, its password hashed', async () => {
    const r = await asGiven(
      PASSWORD,
      'serve',
      'accounts',
      'add',
      '--login',
      'c-1',
      '--role',
      'counsellor',
      '--mission-locale',
      'ml-a',
    )
    expect([r.code, r.out]).toEqual([
      0,
      `Account c-1 (counsellor of ml-a, actor id c-1) saved in ${join(dir, 'p.db.accounts.json')}\ncreated account c-1\n`,
    ])
    const file = readFileSync(join(dir, 'p.db.accounts.json'), 'utf8')
    expect(file).not.toContain(PASSWORD.PARCOURS_PASSWORD)
    expect(file).toMatch(/"passwordHash": "\$2[aby]\$12\$/)
    const list = await asGiven({}, 'serve', 'accounts', 'list')
    expect(list.out).toContain('c-1')
    expect(list.out).not.toContain('$2')
  })

  it('prints the account it saved as JSON with --json, never its hash', async () => {
    const r = await asGiven(
      PASSWORD,
      'serve',
      'accounts',
      'add',
      '--login',
      'm-1',
      '--role',
      'manager',
      '--mission-locale',
      'ml-a',
      '--id',
      'm-ml-a-1',
      '--json',
    )
    expect(r.code, r.err).toBe(0)
    expect(JSON.parse(r.out)).toEqual({
      login: 'm-1',
      role: 'manager',
      actorId: 'm-ml-a-1',
      missionLocaleId: 'ml-a',
      path: join(dir, 'p.db.accounts.json'),
      created: [{ kind: 'account', id: 'm-1' }],
    })
    expect(r.out).not.toContain('$2')
  })

  it('has no option to pass a password as an argument', async () => {
    const r = await asGiven(
      {},
      'serve',
      'accounts',
      'add',
      '--login',
      'c-2',
      '--role',
      'counsellor',
      '--mission-locale',
      'ml-a',
      '--password',
      'x',
    )
    expect([r.code, r.err]).toEqual([2, expect.stringContaining("unknown option '--password'")])
  })

  it('refuses a short password, a statistician of a mission locale, a counsellor of none, a login twice (exit 2)', async () => {
    const short = await asGiven(
      { PARCOURS_PASSWORD: 'short' },
      'serve',
      'accounts',
      'add',
      '--login',
      'c-3',
      '--role',
      'counsellor',
      '--mission-locale',
      'ml-a',
    )
    expect([short.code, short.err]).toEqual([2, expect.stringContaining('12 characters at least')])
    const stat = await asGiven(
      PASSWORD,
      'serve',
      'accounts',
      'add',
      '--login',
      's-1',
      '--role',
      'statistician',
      '--mission-locale',
      'ml-a',
    )
    expect([stat.code, stat.err]).toEqual([2, expect.stringContaining('belongs to no mission locale')])
    const none = await asGiven(PASSWORD, 'serve', 'accounts', 'add', '--login', 'c-4', '--role', 'counsellor')
    expect([none.code, none.err]).toEqual([2, expect.stringContaining('give --mission-locale')])
    const twice = await asGiven(
      PASSWORD,
      'serve',
      'accounts',
      'add',
      '--login',
      'c-1',
      '--role',
      'counsellor',
      '--mission-locale',
      'ml-a',
    )
    expect([twice.code, twice.err]).toEqual([2, expect.stringContaining('exists already')])
  })

  it('removes an account', async () => {
    expect((await asGiven({}, 'serve', 'accounts', 'remove', '--login', 'c-1')).code).toBe(0)
    expect((await asGiven({}, 'serve', 'accounts', 'remove', '--login', 'c-1')).code).toBe(2)
  })

  it('refuses a proxy header without the trusted proxy (exit 2)', async () => {
    const r = await asGiven({}, 'serve', '--proxy-header', 'X-Parcours-Actor')
    expect([r.code, r.err]).toEqual([
      2,
      expect.stringContaining('--proxy-header and --trusted-proxy go together'),
    ])
  })
})
