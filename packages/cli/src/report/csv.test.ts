import { describe, expect, it } from 'vitest'
import { type Dashboard, emptyCell, figuresOf } from '@parcours/projections'
import { CSV_HEADER, dashboardCsv, excelFrCsv, isDashboardCsvStart, plainCsv } from './csv.js'

// A dashboard with no months: only the total rows, whose first field is the mission locale id.
const withMissionLocale = (missionLocaleId: string, figures = zeroFigures): Dashboard => ({
  missionLocaleId: null,
  from: null,
  to: null,
  months: [],
  totals: figures,
  missionLocales: [{ missionLocaleId, months: [], totals: figures, caseload: [] }],
})

const zeroFigures = figuresOf({ sum: emptyCell('', ''), inContact: 0, accompanied: 0, programmeStock: {} })
const someFigures = figuresOf({
  sum: {
    ...emptyCell('', ''),
    firstReceptions: 1234,
    exitsByReason: { 'durable-employment': 3, 'lost-contact': 4 },
  },
  inContact: 1000,
  accompanied: 900,
  programmeStock: {},
})

/** RFC 4180 the way a spreadsheet reads it: quoted fields may hold the separator, quotes and newlines. */
const parseCsv = (text: string, sep: string): string[][] => {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++)
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === sep) (row.push(field), (field = ''))
    else if (c === '\n') (row.push(field), rows.push(row), (row = []), (field = ''))
    else field += c
  }
  return rows
}

describe('dashboardCsv', () => {
  it('never lets a spreadsheet run a field as a formula, and quotes what would break a row', () => {
    for (const [id, cell] of [
      ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
      ['+1', "'+1"],
      ['-ml', "'-ml"],
      ['@sum', "'@sum"],
      ['ml-caen', 'ml-caen'],
    ] as const) {
      const last = dashboardCsv(withMissionLocale(id)).trimEnd().split('\n').at(-1) ?? ''
      expect(last.startsWith(`${cell},total,`)).toBe(true)
    }
  })

  it('writes for a French spreadsheet: a byte order mark, semicolons, decimal commas — and parses back', () => {
    const csv = dashboardCsv(withMissionLocale('ml;caen', someFigures), excelFrCsv)
    expect(csv.startsWith('\uFEFFscope;month;first_receptions;')).toBe(true)
    const rows = parseCsv(csv.slice(1), ';')
    expect(rows[0]).toEqual(CSV_HEADER)
    for (const r of rows) expect(r).toHaveLength(CSV_HEADER.length)
    const at = (row: string[] | undefined, column: string) => row?.[CSV_HEADER.indexOf(column)]
    const [national, caen] = [rows[1], rows[2]]
    expect([at(national, 'scope'), at(national, 'month')]).toEqual(['national', 'total'])
    expect(at(caen, 'scope')).toBe('ml;caen')
    expect(at(caen, 'first_receptions')).toBe('1234')
    expect(at(caen, 'positive_exit_rate')).toBe('0,4286')
    expect(Number(at(caen, 'positive_exit_rate')?.replace(',', '.'))).toBeCloseTo(3 / 7, 4)
    expect(at(caen, 'exits')).toBe('7')
  })

  it('keeps the plain format as it was: commas, no byte order mark, decimal point', () => {
    const csv = dashboardCsv(withMissionLocale('ml-caen', someFigures), plainCsv)
    const rows = parseCsv(csv, ',')
    expect(rows[0]).toEqual(CSV_HEADER)
    expect(rows[2]?.[CSV_HEADER.indexOf('positive_exit_rate')]).toBe('0.4286')
    expect(isDashboardCsvStart(csv)).toBe(true)
    expect(isDashboardCsvStart(dashboardCsv(withMissionLocale('ml-caen'), excelFrCsv))).toBe(true)
    expect(isDashboardCsvStart('name;birth_date\n')).toBe(false)
  })
})
