import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inProcessCli } from '../../testing/inProcessCli.js'

// ---------------------------------------------------------------------------------------------
// `parcours partners trainings …` on a SQLite store: the LHEO fixture imported twice, the
// catalogue listed, a training proposal and a training entry linked to one of its sessions.
// ---------------------------------------------------------------------------------------------

const fixture = fileURLToPath(
  new URL('../../../../adapters/src/partners/lheo/fixtures/offres-somme.xml', import.meta.url),
)
const cli = inProcessCli('parcours-trainings-', 'sqlite:store.db')
const { ok, parcours, dir } = cli
const operator = ['--as', 'operator:o-1']

beforeAll(async () => {
  copyFileSync(fixture, join(dir, 'offres-somme.xml'))
  await ok(
    'register',
    '--youth',
    'y-1',
    '--mission-locale',
    'ml-a',
    '--counsellor',
    'c-1',
    '--birth-date',
    '2004-03-09',
    '--on',
    '2025-06-02',
  )
})
afterAll(() => cli.remove())

describe('parcours partners trainings', () => {
  it('imports an LHEO file, refusing its malformed elements with their line; a re-import writes nothing', async () => {
    const first = await ok(...operator, 'partners', 'trainings', 'import', 'offres-somme.xml')
    console.log(`$ parcours partners trainings import offres-somme.xml\n${first.out}`)
    expect(first.out).toBe(
      [
        'LHEO import of offres-somme.xml: 3 formation(s); 14 records received, 9 recorded, 0 duplicated, 5 rejected',
        "  refused line 37 /lheo/offres/formation[1]/action[1]/session[3] (session 2026-03): <fin>: '20260230': 2026-02 has no day 30",
        '  refused line 51 /lheo/offres/formation[2] (formation F-CAP-CUISINE): required element <intitule-formation> is missing',
        '',
      ].join('\n'),
    )
    const again = await ok(...operator, 'partners', 'trainings', 'import', 'offres-somme.xml')
    console.log(`$ parcours partners trainings import offres-somme.xml (again)\n${again.out}`)
    expect(again.out.split('\n')[0]).toBe(
      'LHEO import of offres-somme.xml: 3 formation(s); 14 records received, 0 recorded, 9 duplicated, 5 rejected',
    )
    const counsellor = await parcours(
      '--as',
      'counsellor:c-1@ml-a',
      'partners',
      'trainings',
      'import',
      'offres-somme.xml',
    )
    expect([counsellor.code, counsellor.err]).toEqual([1, expect.stringContaining('MaintenanceByOperators')])
  })

  it('lists the catalogue’s sessions', async () => {
    const list = await ok('partners', 'trainings', 'list', '--open')
    expect(list.out).toBe(
      [
        '1 session(s) in the training catalogue',
        "  A-POE-LOG-AMIENS 2025-09  2025-09-08 to 2025-11-28  open  Amiens  Préparation opérationnelle à l'emploi — préparateur de commandes",
        '',
      ].join('\n'),
    )
    const json = JSON.parse((await ok('partners', 'trainings', 'list', '--json')).out) as unknown[]
    expect(json).toHaveLength(3)
  })

  it('links a training proposal and a training entry to a session of the catalogue, and refuses an unknown one', async () => {
    const ml = ['--youth', 'y-1', '--mission-locale', 'ml-a']
    const link = ['--training-action', 'A-POE-LOG-AMIENS', '--training-session', '2025-09']
    await ok(
      'offer',
      ...ml,
      '--proposal',
      'p-1',
      '--theme',
      'training',
      '--respond-by',
      '2025-06-30',
      ...link,
      '--on',
      '2025-06-03',
    )
    await ok('accept', ...ml, '--proposal', 'p-1', '--on', '2025-06-05')
    await ok('training', 'start', ...ml, '--proposal', 'p-1', ...link, '--on', '2025-06-20')
    const shown = (await ok('--as', 'manager:m-1@ml-a', 'show', ...ml, '--json')).out
    expect(shown.match(/actionId[^,]*A-POE-LOG-AMIENS/g)).toHaveLength(2)
    const unknown = await parcours(
      'offer',
      ...ml,
      '--theme',
      'training',
      '--respond-by',
      '2025-06-30',
      '--training-action',
      'A-POE-LOG-AMIENS',
      '--training-session',
      '2024-01',
      '--on',
      '2025-06-03',
    )
    expect([unknown.code, unknown.err]).toEqual([
      2,
      expect.stringContaining('no session 2024-01 of action A-POE-LOG-AMIENS in the training catalogue'),
    ])
    const half = await parcours(
      'offer',
      ...ml,
      '--theme',
      'training',
      '--respond-by',
      '2025-06-30',
      '--training-action',
      'A-POE-LOG-AMIENS',
      '--on',
      '2025-06-03',
    )
    expect([half.code, half.err]).toEqual([2, expect.stringContaining('go together')])
    const theme = await parcours(
      'offer',
      ...ml,
      '--theme',
      'housing',
      '--respond-by',
      '2025-06-30',
      ...link,
      '--on',
      '2025-06-03',
    )
    expect([theme.code, theme.err]).toEqual([1, expect.stringContaining('TrainingLinkOnOtherTheme')])
  })

  it('generates a synthetic file that imports, and never replaces a file', async () => {
    const gen = await ok(
      'partners',
      'trainings',
      'generate',
      '--out',
      'region.xml',
      '--formations',
      '20',
      '--malformed-every',
      '5',
    )
    expect(gen.out).toMatch(/^LHEO file of 20 formation\(s\) written to .*region\.xml \(\d+ bytes\)\n$/)
    const before = readFileSync(join(dir, 'region.xml'), 'utf8')
    const again = await parcours('partners', 'trainings', 'generate', '--out', 'region.xml')
    expect(again.code).toBe(2)
    expect(readFileSync(join(dir, 'region.xml'), 'utf8')).toBe(before)
    const imported = await ok(...operator, 'partners', 'trainings', 'import', 'region.xml')
    expect(imported.out.split('\n')[0]).toMatch(
      /^LHEO import of region\.xml: 20 formation\(s\); 160 records received, \d+ recorded, \d+ duplicated, 4 rejected$/,
    )
  })
})
