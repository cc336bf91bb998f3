import { describe, expect, it } from 'vitest'
import { type Dashboard, emptyCell, figuresOf } from '@parcours/projections'
import { dashboardCsv } from './csv.js'

// A dashboard with no months: only the total rows, whose first field is the mission locale id.
const withMissionLocale = (missionLocaleId: string): Dashboard => {
  const totals = zeroFigures
  return {
    missionLocaleId: null,
    from: null,
    to: null,
    months: [],
    totals,
    missionLocales: [{ missionLocaleId, months: [], totals, caseload: [] }],
  }
}

const zeroFigures = figuresOf({ sum: emptyCell('', ''), inContact: 0, accompanied: 0, programmeStock: {} })

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
})
