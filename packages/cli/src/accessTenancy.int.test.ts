import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { outreachCaseIdOf } from '@parcours/adapters'
import { commandIndex } from './commands/index.js'
import { inProcessCli } from './testing/inProcessCli.js'

// Every command and query, run against ml-b's journey by actors of ml-a, by actors who read no
// journey, and by nobody: each is refused, prints nothing of ml-b, and writes nothing.

const { ok, asGiven, remove, dir } = inProcessCli('parcours-access-', 'sqlite:access.db')
afterAll(remove)

const B = ['--youth', 'y-b', '--mission-locale', 'ml-b']
const A_ON_B = ['--youth', 'y-b', '--mission-locale', 'ml-a']
const NAMES = ['Anatole', 'Brisebois', 'Hébergé chez son oncle', 'Clémence', 'Vautrin', '06 55 44 33 22']
// ml-b's outreach case, from a dropout list its manager imported.
const CASE_B = outreachCaseIdOf('siei-b', 'r-1')
const DROPOUTS = [
  'id_liste;id_ligne;nom;prenom;date_naissance;telephone;email;adresse;code_postal;commune;uai;derniere_classe;date_sortie',
  'siei-b;r-1;Vautrin;Clémence;2008-06-01;06 55 44 33 22;;;14000;Caen;0140001A;2nde;2025-01-15',
  '',
].join('\n')

// One line per command (and subcommand), naming ml-b's journey or ml-b itself.
const lines: Record<string, ReadonlyArray<ReadonlyArray<string>>> = {
  register: [
    [
      'register',
      '--youth',
      'y-new',
      '--mission-locale',
      'ml-b',
      '--counsellor',
      'c-1',
      '--birth-date',
      '2005-01-01',
      '--on',
      '2025-03-01',
    ],
    [
      'register',
      '--youth',
      'y-new',
      '--mission-locale',
      'ml-b',
      '--counsellor',
      'c-1',
      '--on',
      '2025-03-01',
      '--outreach',
      CASE_B,
    ],
    [
      'register',
      '--youth',
      'y-new',
      '--mission-locale',
      'ml-a',
      '--counsellor',
      'c-1',
      '--on',
      '2025-03-01',
      '--outreach',
      CASE_B,
    ],
  ],
  assign: [['assign', ...B, '--counsellor', 'c-2', '--on', '2025-03-01']],
  transfer: [['transfer', ...B, '--to', 'ml-a', '--counsellor', 'c-1', '--on', '2025-03-01']],
  request: [['request', ...B, '--theme', 'housing', '--on', '2025-03-01']],
  diagnostic: [['diagnostic', ...B, '--on', '2025-03-01']],
  programme: [
    ['programme', 'enter', ...B, '--programme', 'PACEA', '--until', '2025-12-01', '--on', '2025-03-01'],
    ['programme', 'extend', ...B, '--until', '2026-06-01', '--on', '2025-03-01'],
    ['programme', 'exit', ...B, '--reason', 'autonomy', '--on', '2025-03-01'],
    ['programme', 'phase', 'start', ...B, '--phase', 'ph-1', '--until', '2025-06-01', '--on', '2025-03-01'],
    ['programme', 'phase', 'end', ...B, '--phase', 'ph-1', '--on', '2025-03-01'],
  ],
  offer: [
    [
      'offer',
      ...B,
      '--proposal',
      'p-2',
      '--theme',
      'training',
      '--respond-by',
      '2025-04-01',
      '--on',
      '2025-03-01',
    ],
  ],
  accept: [['accept', ...B, '--proposal', 'p-1', '--on', '2025-03-01']],
  outcome: [['outcome', ...B, '--proposal', 'p-1', '--outcome', 'carried-out', '--on', '2025-03-01']],
  training: [
    ['training', 'start', ...B, '--training', 't-1', '--until', '2025-09-01', '--on', '2025-03-01'],
    ['training', 'end', ...B, '--training', 't-1', '--result', 'completed', '--on', '2025-03-01'],
  ],
  employment: [
    ['employment', 'start', ...B, '--employment', 'e-1', '--contract', 'CDI', '--on', '2025-03-01'],
    ['employment', 'end', ...B, '--employment', 'e-1', '--on', '2025-03-01'],
  ],
  situation: [
    [
      'situation',
      'start',
      ...B,
      '--situation',
      's-1',
      '--kind',
      'immersion',
      '--until',
      '2025-03-20',
      '--on',
      '2025-03-01',
    ],
    ['situation', 'renew', ...B, '--situation', 's-1', '--until', '2025-04-10', '--on', '2025-03-01'],
    ['situation', 'end', ...B, '--situation', 's-1', '--on', '2025-03-01'],
  ],
  'follow-up': [
    ['follow-up', 'schedule', ...B, '--follow-up', 'f-9', '--due', '2025-03-20', '--on', '2025-03-01'],
    ['follow-up', 'reschedule', ...B, '--follow-up', 'fu-1', '--due', '2025-03-21', '--on', '2025-03-01'],
    [
      'follow-up',
      'keep',
      ...B,
      '--follow-up',
      'fu-1',
      '--comment',
      'Hébergé chez son oncle',
      '--on',
      '2025-03-01',
    ],
    ['follow-up', 'miss', ...B, '--follow-up', 'fu-1', '--on', '2025-03-01'],
    ['follow-up', 'cancel', ...B, '--follow-up', 'fu-1', '--on', '2025-03-01'],
  ],
  cej: [
    ['cej', 'breach', ...B, '--breach', 'b-1', '--kind', 'missed-commitment', '--on', '2025-03-01'],
    ['cej', 'sanction', ...B, '--breach', 'b-1', '--on', '2025-03-01'],
    ['cej', 'allowance', ...B, '--household', 'non-taxable', '--on', '2025-03-01'],
    ['cej', 'statement', '--mission-locale', 'ml-b', '--month', '2025-03'],
  ],
  close: [['close', ...B, '--reason', 'moved-away', '--on', '2025-03-01']],
  reopen: [['reopen', ...B, '--counsellor', 'c-1', '--on', '2025-03-01']],
  tick: [
    ['tick', '--at', '2025-01-20', '--mission-locale', 'ml-b'],
    ['tick', '--at', '2025-01-20'],
  ],
  show: [
    ['show', '--youth', 'y-b', '--json'],
    ['show', '--youth', 'y-b', '--mission-locale', 'ml-a'],
  ],
  alerts: [['alerts', '--counsellor', 'c-1', '--mission-locale', 'ml-b', '--at', '2025-03-01']],
  report: [
    ['report', '--mission-locale', 'ml-b', '--json'],
    ['report', '--csv', '--mission-locale', 'ml-b'],
  ],
  'access-log': [
    ['access-log', '--mission-locale', 'ml-b'],
    ['access-log', 'prune'],
  ],
  'access-request': [['access-request', '--youth', 'y-b']],
  outreach: [
    ['outreach', 'list', '--mission-locale', 'ml-b'],
    ['outreach', 'status', CASE_B, '--status', 'unreachable', '--counsellor', 'c-1', '--on', '2025-03-01'],
  ],
  partners: [
    ['partners', 'dropouts', 'import', 'dropouts.csv', '--mission-locale', 'ml-b', '--at', '2025-03-01'],
    ['partners', 'export', 'dares', '--month', '2025-03', '--mission-locale', 'ml-b', '--out', 'dares.csv'],
    ['partners', 'export', 'asp', '--month', '2025-03', '--mission-locale', 'ml-b', '--out', 'asp.csv'],
  ],
  project: [['project']],
  rebuild: [['rebuild']],
  verify: [['verify']],
  migrate: [['migrate']],
  erase: [
    ['erase', ...B, '--on', '2025-03-01'],
    ['erase', ...A_ON_B, '--on', '2025-03-01'],
  ],
  retention: [['retention', '--at', '2025-01-20']],
  rectify: [['rectify', ...B, '--last-name', 'Martin', '--on', '2025-03-01']],
}
// The demo writes a fresh simulated store of its own and reads no one's journey: it needs no actor.
// serve acts for each request's authenticated actor: serve/tenancy.int.test.ts sweeps its routes.
const WITHOUT_ACTOR = new Set(['demo', 'serve', 'completion'])

// The journey commands that name a mission locale, sent by ml-a about ml-b's journey as if it were ml-a's.
const lying = Object.entries(lines)
  .flatMap(([, ls]) => ls)
  .filter((l) => l.includes('ml-b') && l.includes('y-b') && l[0] !== 'erase')
  .map((l) => l.map((x) => (x === 'ml-b' ? 'ml-a' : x)))

const state = async () =>
  [
    (await ok('--as', 'operator:o-1', 'verify', '--json')).out,
    (await ok('--as', 'manager:m-1@ml-b', 'access-log', '--mission-locale', 'ml-b', '--json')).out,
    (await ok('--as', 'manager:m-1@ml-b', 'outreach', 'list', '--at', '2025-03-01', '--json')).out,
  ].join('\n')

beforeAll(async () => {
  writeFileSync(join(dir, 'dropouts.csv'), DROPOUTS)
  await ok(
    '--as',
    'manager:m-1@ml-b',
    'partners',
    'dropouts',
    'import',
    'dropouts.csv',
    '--mission-locale',
    'ml-b',
    '--at',
    '2025-02-01',
  )
  await ok(
    '--as',
    'counsellor:c-1@ml-b',
    'register',
    ...B,
    '--counsellor',
    'c-1',
    '--birth-date',
    '2004-02-11',
    '--on',
    '2025-01-07',
    '--first-name',
    'Anatole',
    '--last-name',
    'Brisebois',
  )
  await ok(
    '--as',
    'counsellor:c-1@ml-b',
    'request',
    ...B,
    '--theme',
    'housing',
    '--comment',
    'Hébergé chez son oncle',
    '--on',
    '2025-01-08',
  )
  await ok(
    '--as',
    'counsellor:c-1@ml-b',
    'offer',
    ...B,
    '--proposal',
    'p-1',
    '--theme',
    'training',
    '--respond-by',
    '2025-04-01',
    '--on',
    '2025-01-10',
  )
  await ok(
    '--as',
    'counsellor:c-1@ml-a',
    'register',
    '--youth',
    'y-a',
    '--mission-locale',
    'ml-a',
    '--counsellor',
    'c-1',
    '--birth-date',
    '2005-05-10',
    '--on',
    '2025-01-06',
  )
})

describe('access on every command and query', () => {
  it('covers every command of the index', () => {
    expect(Object.keys(lines).sort()).toEqual(
      commandIndex
        .filter((c) => c.replacedBy === undefined)
        .map((c) => c.name)
        .filter((n) => !WITHOUT_ACTOR.has(n))
        .sort(),
    )
  })

  it('refuses to run without an actor (exit 2, naming how to give one), and writes nothing', async () => {
    const before = await state()
    for (const line of Object.values(lines).flat()) {
      const r = await asGiven({}, ...line)
      expect([r.code, r.err], line.join(' ')).toEqual([2, expect.stringMatching(/needs an actor: pass --as/)])
      expect(r.out, line.join(' ')).toBe('')
    }
    expect(await state()).toBe(before)
  })

  it.each([['counsellor:c-1@ml-a'], ['manager:m-1@ml-a'], ['statistician:s-1'], ['operator:o-1']])(
    'refuses %s what ml-b holds (exit 1, naming the actor and the rule), shows nothing of it, writes nothing',
    async (actor) => {
      const before = await state()
      for (const line of [...Object.values(lines).flat(), ...lying]) {
        const r = await asGiven({}, '--as', actor, ...line)
        const what = `${actor} ${line.join(' ')}`
        if (r.code === 0) {
          // The only grants: an operator's maintenance and clock, a statistician's figures and the
          // pseudonymous DARES extract — no journey, no name.
          expect(
            (actor.startsWith('operator') &&
              (['project', 'rebuild', 'verify', 'migrate', 'retention', 'tick'].includes(line[0] as string) ||
                (line[0] === 'access-log' && line[1] === 'prune'))) ||
              (actor.startsWith('statistician') &&
                (line[0] === 'report' || (line[0] === 'partners' && line[2] === 'dares'))),
            what,
          ).toBe(true)
          expect(r.out, what).not.toMatch(/y-b\b|"youthId"/)
        } else {
          expect([r.code, r.err], what).toEqual([
            1,
            expect.stringContaining(`access denied to ${actor} by rule `),
          ])
          expect(r.out, what).toBe('')
        }
        for (const name of NAMES) expect(r.out + r.err, what).not.toContain(name)
        expect(r.err, what).not.toContain('ml-b holds')
      }
      expect(await state()).toBe(before)
    },
  )

  it("lets ml-b act and read, and records each opening in ml-b's access log only", async () => {
    const shown = await ok('--as', 'counsellor:c-2@ml-b', 'show', '--youth', 'y-b', '--json')
    expect(shown.out).toContain('Brisebois')
    expect(shown.out).toContain('Hébergé chez son oncle')
    const log = JSON.parse((await ok('--as', 'manager:m-1@ml-b', 'access-log', '--json')).out) as {
      entries: Array<{ actor: string; youthId: string; purpose: string; opened: string[] }>
    }
    expect(log.entries.map((e) => [e.actor, e.youthId, e.purpose, e.opened])).toEqual([
      ['counsellor:c-2@ml-b', 'y-b', 'show', ['comments', 'identity']],
    ])
    const a = JSON.parse((await ok('--as', 'manager:m-1@ml-a', 'access-log', '--json')).out) as {
      entries: unknown[]
    }
    expect(a.entries).toEqual([])
  })
})
