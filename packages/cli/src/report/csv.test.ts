import { describe, expect, it } from 'vitest'
import type { Dashboard } from '@parcours/projections'
import { dashboardCsv } from './csv.js'

// A dashboard with no months: only the total rows, whose first field is the mission locale id.
const withMissionLocale = (missionLocaleId: string): Dashboard => {
  const totals = zeroFigures as unknown as Dashboard['totals']
  return {
    missionLocaleId: null,
    from: null,
    to: null,
    months: [],
    totals,
    missionLocales: [{ missionLocaleId, months: [], totals, caseload: [] }],
  }
}

const zeroFigures = {
  firstReceptions: 0,
  inContact: 0,
  accompanied: 0,
  programmeEntries: { PACEA: 0, CEJ: 0 },
  proposalsByTheme: {},
  proposalsByOutcome: {},
  trainingEntries: 0,
  qualifyingTrainingEntries: 0,
  employmentEntries: { durable: 0, other: 0 },
  immersionEntries: 0,
  exitsByReason: {},
  exits: 0,
  positiveExits: 0,
  positiveExitRate: null,
  medianDaysToFirstProposal: null,
  medianDaysToFirstTrainingOrJob: null,
  firstProposals: 0,
  firstTrainingOrJobEntries: 0,
  seenFiveTimes: { cohort: 0, reached: 0, share: null },
  followUps: { kept: 0, missed: 0, overdue: 0 },
  transfers: { in: 0, out: 0 },
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
})
