import { createHmac } from 'node:crypto'
import { ageBands, exitReasons, programmes } from '@parcours/domain'
import { docEntries } from '../../model/docMap.js'
import { emptyMonthInputs, type ExtractReadModel, standingOn } from './extractProjection.js'
import { countCell, type FileSpec, flagCell, monthCell, oneOfCell, idCell } from './fileSpec.js'
import { lastDayOfMonth } from './month.js'

// ---------------------------------------------------------------------------------------------
// the monthly pseudonymous statistical extract (what DARES receives from i-milo): one row per
// young person followed in the month — registered by its end and open at some point in it — with
// the inputs of the indicators. No identity: the young person is a pseudonym, a keyed hash of
// their id that only the holder of the key can link back; the age band, never a birth date.
// ---------------------------------------------------------------------------------------------

const exitCategories = ['', ...exitReasons.filter((r) => r !== 'age-limit')]

/** The DARES extract's file. */
export const daresExtractSpec: FileSpec = {
  name: 'dares-monthly-extract',
  version: 1,
  recipient: 'DARES (statistics department of the ministry of labour)',
  row: 'one young person in one month: registered by the end of the month and followed at some point in it',
  excludes:
    'no identity, no id of the young person (a keyed pseudonym instead), no birth date or age (the age band at registration), no date finer than the month, no comment, no health or disability data',
  columns: [
    {
      name: 'pseudonym',
      cell: idCell,
      description:
        "HMAC-SHA256 of the young person's id under the mission locale's key, 32 hex digits: the same every month, linked back only with the key",
    },
    { name: 'month', cell: monthCell, description: 'the month, YYYY-MM' },
    {
      name: 'mission_locale',
      cell: idCell,
      description: 'the mission locale holding the journey at the end of the month (or at its exit)',
    },
    {
      name: 'age_band',
      cell: oneOfCell(ageBands),
      description: `age band at registration: ${ageBands.join(', ')}`,
    },
    {
      name: 'first_reception',
      cell: flagCell,
      description: '1 when registered (premier accueil) in the month',
    },
    {
      name: 'in_contact',
      cell: flagCell,
      description:
        '1 with at least one contact event in the month (interview, kept appointment, request, proposal or answer, entry)',
    },
    { name: 'interviews', cell: countCell, description: 'individual interviews held in the month' },
    { name: 'proposals', cell: countCell, description: 'proposals offered in the month' },
    { name: 'proposals_carried_out', cell: countCell, description: 'proposals carried out in the month' },
    { name: 'training_entries', cell: countCell, description: 'trainings started in the month' },
    { name: 'qualifying_training_entries', cell: countCell, description: 'of which qualifying' },
    {
      name: 'durable_employment_entries',
      cell: countCell,
      description: 'durable jobs started in the month (CDI, CDD over 6 months, apprenticeship)',
    },
    { name: 'other_employment_entries', cell: countCell, description: 'other jobs started in the month' },
    {
      name: 'programme_entry',
      cell: oneOfCell(['', ...programmes]),
      description: 'PACEA or CEJ when entered in the month, else empty',
    },
    {
      name: 'programme_at_month_end',
      cell: oneOfCell(['', ...programmes]),
      description: 'the programme in progress at the end of the month, else empty',
    },
    {
      name: 'open_at_month_end',
      cell: flagCell,
      description: '1 when the journey is open (accompanied) at the end of the month',
    },
    {
      name: 'exit_reason',
      cell: oneOfCell(exitCategories),
      description: `the exit reason when the journey closed in the month (${exitCategories.slice(1).join(', ')}); the age limit is reported as other, since its month would date the 26th birthday`,
    },
  ],
}

/** A keyed pseudonym: HMAC-SHA256 of the young person's id under `key`, the first 32 hex digits. */
export const pseudonymizer =
  (key: Buffer) =>
  (youthId: string): string =>
    createHmac('sha256', key).update(youthId).digest('hex').slice(0, 32)

/** The extract's rows for a month, of one mission locale or national (null), sorted by pseudonym. */
export const queryDaresExtract = (
  rm: ExtractReadModel,
  q: { readonly month: string; readonly missionLocaleId: string | null },
  pseudonym: (youthId: string) => string,
): ReadonlyArray<Readonly<Record<string, string>>> => {
  const first = `${q.month}-01`
  const last = lastDayOfMonth(q.month)
  const rows: Array<Record<string, string>> = []
  for (const [, y] of docEntries(rm)) {
    const atEnd = standingOn(y, last)
    if (atEnd === undefined) continue
    const m = y.months[q.month] ?? emptyMonthInputs
    const atStart = standingOn(y, first)
    const followed = atEnd.open || atStart?.open === true || m.exit !== null || m !== emptyMonthInputs
    if (!followed || (q.missionLocaleId !== null && atEnd.missionLocaleId !== q.missionLocaleId)) continue
    rows.push({
      pseudonym: pseudonym(y.youthId),
      month: q.month,
      mission_locale: atEnd.missionLocaleId,
      age_band: y.ageBand,
      first_reception: y.registeredOn.slice(0, 7) === q.month ? '1' : '0',
      in_contact: m.contact ? '1' : '0',
      interviews: String(m.interviews),
      proposals: String(m.proposals),
      proposals_carried_out: String(m.proposalsCarriedOut),
      training_entries: String(m.trainingEntries),
      qualifying_training_entries: String(m.qualifyingTrainingEntries),
      durable_employment_entries: String(m.durableEmploymentEntries),
      other_employment_entries: String(m.otherEmploymentEntries),
      programme_entry: m.programmeEntry ?? '',
      programme_at_month_end: atEnd.programme ?? '',
      open_at_month_end: atEnd.open ? '1' : '0',
      exit_reason: m.exit ?? '',
    })
  }
  return rows.sort((a, b) => ((a['pseudonym'] as string) < (b['pseudonym'] as string) ? -1 : 1))
}
