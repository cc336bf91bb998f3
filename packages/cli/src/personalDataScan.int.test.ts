import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { outreachCaseIdOf } from '@parcours/adapters'
import { startEsdbStandIn } from '@parcours/adapters/testing'
import { outreachStreamName } from '@parcours/domain'
import { inProcessCli } from './testing/inProcessCli.js'
import { openSqliteFile } from './testing/sqliteFile.js'

// ---------------------------------------------------------------------------------------------
// A scan of every file the CLI writes (store, key store, read models, access log, reports, the
// logs, the outbound partner files and the partner feed) for the birth dates in their usual
// formats, every date derivable from them (each birthday from the birth to the 40th, and the day
// before each: the age limits, the retention dates that follow them two years on, and any other
// offset a rule might add), the age limits in force of those who have not aged out (they are
// sealed), and the RQTH flag — before and after erasure, on SQLite
// and on the EventStoreDB stand-in (whose log is scanned as the bytes it stores).
// ---------------------------------------------------------------------------------------------

// y-1: no RQTH, 23 at registration. y-2: RQTH, 27 at registration, in a CEJ (the limit after the
// 30th birthday is the one that applies). y-3 (ml-b) ages out during the run, on 1 May 2025, the
// 1st after the 26th birthday; only ml-b's clock runs past it, so that no date of the others'
// time-driven facts falls on a searched value by chance (a weekly CEJ follow-up easily lands on a
// day before someone's birthday).
const people = [
  { youth: 'y-1', birthDate: '2001-11-23', rqth: false, ml: 'ml-a', limitsInForce: ['2027-12-01'] },
  {
    youth: 'y-2',
    birthDate: '1997-10-17',
    rqth: true,
    ml: 'ml-a',
    limitsInForce: ['2023-11-01', '2027-11-01'],
  },
  { youth: 'y-3', birthDate: '1999-04-19', rqth: false, ml: 'ml-b', limitsInForce: [] },
  // From a school dropout list: registered from its outreach case (identity prefilled from the case).
  { youth: 'y-4', birthDate: '2008-07-29', rqth: false, ml: 'ml-a', limitsInForce: ['2034-08-01'] },
] as const
/**
 * The dropout list (ml-a): r-1 becomes y-4; r-2 is never registered, and is erased by retention 12
 * months after it opened. Every personal value of the rows is searched, besides the birth dates.
 */
const DROPOUT_LIST = [
  'id_liste;id_ligne;nom;prenom;date_naissance;telephone;email;adresse;code_postal;commune;uai;derniere_classe;date_sortie',
  'siei-scan;r-1;Quenouille;Anselme;29/07/2008;06 71 82 93 04;anselme.quenouille@example.net;9 impasse des Glycines;27680;Quillebeuf-sur-Seine;0271234K;Seconde pro;13/12/2024',
  'siei-scan;r-2;Ravenelle;Honorine;2008-07-29;07 19 28 37 46;honorine.ravenelle@example.net;4 chemin du Halage;27680;Quillebeuf-sur-Seine;0271234K;Seconde pro;2024-12-13',
  '',
].join('\n')
/** A row the store refuses on SQLite: parked by the partner inbox, what it keeps of it is scanned too. */
const PARKED_LIST = [
  DROPOUT_LIST.split('\n')[0],
  'siei-scan-parked;r-9;Vautrinet;Clothilde;14/02/2008;06 55 44 33 22;clothilde.vautrinet@example.net;8 allée des Tilleuls;27680;Quillebeuf-sur-Seine;0271234K;Seconde pro;2024-12-13',
  '',
].join('\n')
const outreachValues = [
  'Vautrinet',
  'Clothilde',
  '06 55 44 33 22',
  'clothilde.vautrinet',
  'allée des Tilleuls',
  ...['2008-02-14', '14/02/2008', '20080214'],
  'Quenouille',
  'Anselme',
  'Ravenelle',
  'Honorine',
  '06 71 82 93 04',
  '07 19 28 37 46',
  'anselme.quenouille',
  'honorine.ravenelle',
  'impasse des Glycines',
  'chemin du Halage',
  '27680',
  'Quillebeuf',
  '0271234K',
  'Seconde pro',
  ...['2024-12-13', '13/12/2024', '20241213'],
]
/** y-3's age-out, dated on the limit in force: the scan must find it in the store (it can fail). */
const y3AgeOut = '2025-05-01'

const addYears = (iso: string, years: number) => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`
const dayBefore = (iso: string) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
const formats = (iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string]
  return [iso, `${d}/${m}/${y}`, `${y}${m}${d}`]
}
/** Every value searched for one person, each with what it is. */
const searchedFor = (p: (typeof people)[number]) => {
  const dates: Record<string, string> = { 'birth date': p.birthDate }
  for (let years = 1; years <= 40; years++) {
    dates[`birthday ${years}`] = addYears(p.birthDate, years)
    dates[`day before birthday ${years}`] = dayBefore(addYears(p.birthDate, years))
  }
  p.limitsInForce.forEach((on, i) => (dates[`age limit in force ${i + 1} (sealed)`] = on))
  return Object.entries(dates).flatMap(([what, iso]) =>
    formats(iso).map((value) => ({ youth: p.youth, what, value })),
  )
}
const searched = [
  ...people.flatMap(searchedFor),
  ...['rqth', 'RQTH', 'Rqth'].map((value) => ({ youth: '*', what: 'RQTH flag', value })),
  ...outreachValues.map((value) => ({ youth: 'dropout list', what: 'outreach identity', value })),
]

interface Hit {
  readonly file: string
  readonly youth: string
  readonly what: string
  readonly value: string
}
const scanFiles = (files: ReadonlyArray<{ name: string; bytes: Buffer }>): ReadonlyArray<Hit> =>
  files.flatMap(({ name, bytes }) =>
    searched.filter((s) => bytes.includes(Buffer.from(s.value))).map((s) => ({ file: name, ...s })),
  )

const partnerActor = {
  kind: 'partner',
  id: 'app-scan',
  convention: {
    conventionId: 'cv-scan',
    missionLocaleIds: ['ml-a', 'ml-b'],
    journeyFacts: true,
    identity: true,
    aggregates: true,
    commands: [],
  },
}

/** The journeys, the reports, the alerts, a tick past y-3's 26th birthday, then erasure of all three. */
const scenario = async (store: 'sqlite' | 'esdb', connection: string) => {
  const cli = inProcessCli(`parcours-scan-${store}-`, connection, ['--log-level', 'trace'])
  const { ok, dir } = cli
  const ml = ['--mission-locale', 'ml-a']
  const register = (p: (typeof people)[number], on: string) =>
    ok(
      'register',
      '--youth',
      p.youth,
      '--mission-locale',
      p.ml,
      '--counsellor',
      'c-1',
      '--birth-date',
      p.birthDate,
      ...(p.rqth ? ['--rqth'] : []),
      '--first-name',
      'Zéphyrine',
      '--last-name',
      'Brisebois',
      '--on',
      on,
    )
  const [y1, y2, y3] = people
  await register(y1, '2025-03-03')
  await register(y2, '2025-03-03')
  await register(y3, '2025-03-04')
  writeFileSync(join(dir, 'dropouts.csv'), DROPOUT_LIST)
  await ok(
    '--as',
    'manager:m-1@ml-a',
    'partners',
    'dropouts',
    'import',
    'dropouts.csv',
    ...ml,
    '--at',
    '2025-03-03',
  )
  await ok(
    '--as',
    'manager:m-1@ml-a',
    'partners',
    'dropouts',
    'import',
    'dropouts.csv',
    ...ml,
    '--at',
    '2025-03-04',
  )
  if (store === 'sqlite') {
    // The outreach store refuses the row's case: it is parked, sealed, in the partner inbox.
    writeFileSync(join(dir, 'dropouts-parked.csv'), PARKED_LIST)
    const db = new openSqliteFile(join(dir, 'store.db.outreach'))
    const stream = outreachStreamName(outreachCaseIdOf('siei-scan-parked', 'r-9'))
    db.prepare(
      `CREATE TRIGGER refuse_parked BEFORE INSERT ON events WHEN NEW.stream_name = '${stream}' BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    ).run()
    db.close()
    const parked = await ok(
      '--as',
      'manager:m-1@ml-a',
      'partners',
      'dropouts',
      'import',
      'dropouts-parked.csv',
      ...ml,
      '--at',
      '2025-03-04',
      '--tries',
      '1',
    )
    expect(parked.out).toContain('parked after 1 tries line 2 (dropouts/rows siei-scan-parked/r-9)')
  }
  const [case1] = JSON.parse(
    (await ok('--as', 'counsellor:c-1@ml-a', 'outreach', 'list', ...ml, '--at', '2025-03-05', '--json')).out,
  ) as Array<{ caseId: string }>
  await ok(
    '--as',
    'counsellor:c-1@ml-a',
    'outreach',
    'status',
    case1?.caseId ?? '',
    '--status',
    'contacted-followed',
    '--on',
    '2025-03-05',
  )
  await ok(
    '--as',
    'counsellor:c-1@ml-a',
    'register',
    '--youth',
    'y-4',
    ...ml,
    '--counsellor',
    'c-1',
    '--on',
    '2025-03-06',
    '--outreach',
    case1?.caseId ?? '',
  )
  await ok('diagnostic', '--youth', 'y-2', ...ml, '--on', '2025-03-05')
  await ok(
    'programme',
    'enter',
    '--youth',
    'y-2',
    ...ml,
    '--programme',
    'CEJ',
    '--until',
    '2026-03-01',
    '--on',
    '2025-03-06',
  )
  await ok(
    'offer',
    '--youth',
    'y-1',
    ...ml,
    '--proposal',
    'p-1',
    '--theme',
    'training',
    '--respond-by',
    '2025-04-30',
    '--on',
    '2025-03-10',
  )
  await ok('alerts', '--counsellor', 'c-1', ...ml, '--at', '2025-03-15', '--json')
  await ok('tick', '--at', '2025-05-01', '--mission-locale', 'ml-b')
  await ok('show', '--youth', 'y-2', ...ml, '--json')
  const files = async (moment: string) => {
    await ok('report', '--json', `report-${moment}.json`)
    await ok('report', '--csv', `report-${moment}.csv`)
    await ok('report', '--html', `report-${moment}.html`)
    for (const m of ['ml-a', 'ml-b']) await ok('access-log', '--mission-locale', m, '--json')
    // The outbound files and the partner feed: what leaves for the partners.
    for (const month of ['2025-03', '2025-04']) {
      const out = (kind: string) => ['--month', month, '--out', `${kind}-${month}-${moment}.csv`]
      await ok('--as', 'statistician:s-1', 'partners', 'export', 'dares', ...out('dares'))
      await ok('--as', 'manager:m-1@ml-a', 'partners', 'export', 'france-travail', ...out('france-travail'))
      await ok('--as', 'manager:m-1@ml-a', 'partners', 'export', 'asp', ...out('asp'))
    }
    writeFileSync(
      join(dir, 'parcours.partners.json'),
      JSON.stringify({ partners: [{ token: 'scan-partner-token-0123', actor: partnerActor }] }),
    )
    const feed = await ok('partners', 'feed', 'list', '--partner', 'app-scan', '--limit', '1000', '--json')
    writeFileSync(join(dir, `feed-${moment}.json`), feed.out)
    writeFileSync(join(dir, `logs-${moment}.txt`), cli.stderr.join(''))
    // The partner's own file holds the identities, as delivered: what the CLI writes is scanned.
    const onDisk = readdirSync(dir)
      .filter((name) => name !== 'dropouts.csv' && name !== 'dropouts-parked.csv')
      .map((name) => ({ name, bytes: readFileSync(join(dir, name)) }))
    return onDisk
  }
  const indicators = async () => (await ok('report', '--json')).out
  const before = await files('before')
  const figuresBefore = await indicators()
  for (const p of people)
    await ok('erase', '--youth', p.youth, '--mission-locale', p.ml, '--on', '2025-06-02', '--yes')
  // The case never registered goes 12 months after its latest fact; the registered one's copy on its closing day.
  const retention = await ok('--as', 'operator:o-1', 'retention', '--at', '2026-03-04')
  expect(retention.out).toContain('Outreach cases (dropout lists): 2 erased.')
  const after = await files('after')
  const figuresAfter = await indicators()
  return { before, after, figuresBefore, figuresAfter, remove: cli.remove }
}

const report = (title: string, files: ReadonlyArray<{ name: string }>, hits: ReadonlyArray<Hit>) =>
  [
    `${title}: ${files.length} files scanned (${files.map((f) => f.name).join(', ')}); ${searched.length} values searched; ${hits.length} hits`,
    ...hits.map((h) => `  HIT ${h.file}: ${h.youth} ${h.what} ${h.value}`),
  ].join('\n')

const holding = (files: ReadonlyArray<{ name: string; bytes: Buffer }>, value: string) =>
  files.filter((f) => f.bytes.includes(Buffer.from(value))).map((f) => f.name)

describe('personal data scan of every file the CLI writes', () => {
  const cleanups: Array<() => void> = []
  afterAll(() => {
    for (const c of cleanups) c()
  })

  it('SQLite: no birth date, derived date or RQTH flag before or after erasure; the indicators are unchanged', async () => {
    const run = await scenario('sqlite', 'sqlite:store.db')
    cleanups.push(run.remove)
    const before = scanFiles(run.before)
    const after = scanFiles(run.after)
    console.log(report('SQLite, before erasure', run.before, before))
    console.log(report('SQLite, after erasure', run.after, after))
    expect(run.before.map((f) => f.name)).toEqual(
      expect.arrayContaining(['store.db', 'store.db.keys', 'store.db.projections', 'store.db.access']),
    )
    expect(before).toEqual([])
    expect(after).toEqual([])
    // The scan can fail: the age-out, dated on the 1st after the birthday, is found where it is.
    expect(holding(run.before, y3AgeOut)).toContain('store.db')
    expect(run.before.map((f) => f.name)).toContain('store.db.outreach')
    // The parked row is in the inbox, sealed (the scan above found nothing of it in clear).
    expect(holding(run.before, 'siei-scan-parked/r-9')).toContain('store.db.inbox')
    // The scan finds the lists' personal values where they are in clear: the partner's own files.
    const lists = [
      { name: 'dropouts.csv', bytes: Buffer.from(DROPOUT_LIST) },
      { name: 'dropouts-parked.csv', bytes: Buffer.from(PARKED_LIST) },
    ]
    expect(scanFiles(lists).length).toBeGreaterThan(outreachValues.length)
    expect(run.figuresAfter).toBe(run.figuresBefore)
  })

  it('EventStoreDB stand-in: the same, its stored log included', async () => {
    const standIn = await startEsdbStandIn()
    try {
      const run = await scenario('esdb', standIn.connectionString)
      cleanups.push(run.remove)
      const log = { name: 'EventStoreDB log (stand-in)', bytes: standIn.storedBytes() }
      const before = scanFiles([...run.before, log])
      const afterFiles = [...run.after, { ...log, bytes: standIn.storedBytes() }]
      const after = scanFiles(afterFiles)
      console.log(report('EventStoreDB stand-in, before erasure', [...run.before, log], before))
      console.log(report('EventStoreDB stand-in, after erasure', afterFiles, after))
      expect(before).toEqual([])
      expect(after).toEqual([])
      expect(holding([log], y3AgeOut)).toEqual([log.name])
      expect(run.figuresAfter).toBe(run.figuresBefore)
    } finally {
      await standIn.stop()
    }
  })
})
