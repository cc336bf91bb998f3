import type { ReportData } from './reportModel.js'

/** A small report with every part filled, for tests and previews. */
export const sampleReport = (): ReportData => ({
  title: 'Parcours — steering dashboard',
  subtitle: 'Sample: 2 missions locales, 2025-01 to 2025-03',
  months: [
    { month: '2025-01', registrations: 40, programmeEntries: 10, situationEntries: 4, exits: 2 },
    { month: '2025-02', registrations: 35, programmeEntries: 14, situationEntries: 9, exits: 6 },
    { month: '2025-03', registrations: 38, programmeEntries: 12, situationEntries: 11, exits: 9 },
  ],
  proposalsByTheme: [
    { label: 'employment', count: 24 },
    { label: 'training', count: 13 },
  ],
  proposalsByOutcome: [
    { label: 'carried-out', count: 21 },
    { label: 'refused-by-youth', count: 5 },
    { label: 'refused-by-third-party', count: 8 },
    { label: 'expired', count: 3 },
  ],
  positiveExitRates: [
    { missionLocaleId: 'ml-amiens', exits: 10, positiveExitRate: 0.4 },
    { missionLocaleId: 'ml-brest', exits: 7, positiveExitRate: null },
  ],
  funnel: [
    { stage: 'Registered', count: 113 },
    { stage: 'Diagnostic', count: 90 },
    { stage: 'Programme', count: 36 },
    { stage: 'Training or job', count: 24 },
    { stage: 'Positive exit', count: 6 },
  ],
  tables: [
    {
      title: 'National <indicators>',
      columns: ['Indicator', 'Value'],
      rows: [
        ['First receptions', 113],
        ['Positive exit rate', '35.3%'],
      ],
    },
  ],
})
