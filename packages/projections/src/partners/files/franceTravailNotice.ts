import { programmes } from '@parcours/domain'
import { docEntries } from '../../model/docMap.js'
import type { ExtractReadModel } from './extractProjection.js'
import { dateCell, type FileSpec, idCell, monthCell, oneOfCell } from './fileSpec.js'

// ---------------------------------------------------------------------------------------------
// the notice to France Travail: since 1 January 2025 a young person entering a CEJ or a PACEA is
// registered as a jobseeker. One row per entry in the month, in the mission locale that recorded
// it. It names the young person by the mission locale's pseudonymous id only: France Travail
// resolves it to a person through the convention's own channel, never through this file.
// ---------------------------------------------------------------------------------------------

/** The first day entries are notified (the law of 18 December 2023 "pour le plein emploi"). */
export const FRANCE_TRAVAIL_REGISTRATION_FROM = '2025-01-01'

/** The notice's file. */
export const franceTravailNoticeSpec: FileSpec = {
  name: 'france-travail-registration-notice',
  version: 1,
  recipient: 'France Travail',
  row: 'one CEJ or PACEA entry in the month: a young person to register as a jobseeker',
  excludes:
    "no identity, no birth date or age, no contact details, no comment: the young person is named by the mission locale's pseudonymous id",
  columns: [
    {
      name: 'youth_id',
      cell: idCell,
      description: "the young person's pseudonymous id at the mission locale",
    },
    { name: 'mission_locale', cell: idCell, description: 'the mission locale that recorded the entry' },
    { name: 'programme', cell: oneOfCell(programmes), description: 'CEJ or PACEA' },
    { name: 'entered_on', cell: dateCell, description: 'the day the programme started, YYYY-MM-DD' },
    { name: 'notice_month', cell: monthCell, description: 'the month of this notice, YYYY-MM' },
  ],
}

/** The entries to notify for a month and a mission locale, in date order. */
export const queryFranceTravailNotice = (
  rm: ExtractReadModel,
  q: { readonly month: string; readonly missionLocaleId: string },
): ReadonlyArray<Readonly<Record<string, string>>> =>
  [...docEntries(rm)]
    .flatMap(([, y]) =>
      y.programmeEntries
        .filter(
          (p) =>
            p.on.slice(0, 7) === q.month &&
            p.on >= FRANCE_TRAVAIL_REGISTRATION_FROM &&
            p.missionLocaleId === q.missionLocaleId,
        )
        .map((p) => ({
          youth_id: y.youthId,
          mission_locale: p.missionLocaleId,
          programme: p.programme,
          entered_on: p.on,
          notice_month: q.month,
        })),
    )
    .sort((a, b) =>
      a.entered_on === b.entered_on
        ? a.youth_id < b.youth_id
          ? -1
          : 1
        : a.entered_on < b.entered_on
          ? -1
          : 1,
    )
