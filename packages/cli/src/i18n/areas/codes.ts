import type { ExitReason, Programme, ProgrammeExitReason, ProposalOutcome, Theme } from '@parcours/domain'
import type { Translation } from '../message.js'

// ---------------------------------------------------------------------------------------------
// area: the codes of the domain's vocabularies, as a reader says them (never the raw code)
// ---------------------------------------------------------------------------------------------

/** Every code a page may show: a missing or unknown one fails to compile. */
type CodeKey =
  | `outcome.${ProposalOutcome}`
  | `theme.${Theme}`
  | `exit.${ExitReason}`
  | `programme.${Programme}`
  | `programmeExit.${ProgrammeExitReason}`

/** The codes in French. */
export const codesFr = {
  'outcome.carried-out': 'Réalisée',
  'outcome.refused-by-youth': 'Refusée par le jeune',
  'outcome.refused-by-third-party': 'Refusée par un tiers',
  'outcome.expired': 'Expirée (sans réponse)',
  'outcome.closed-without-follow-up': 'Close sans suite',
  'theme.employment': 'Emploi',
  'theme.training': 'Formation',
  'theme.apprenticeship': 'Alternance',
  'theme.immersion': 'Immersion (PMSMP)',
  'theme.internship': 'Stage',
  'theme.health': 'Santé',
  'theme.housing': 'Logement',
  'theme.citizenship': 'Citoyenneté',
  'theme.culture-sport-leisure': 'Culture, sport, loisirs',
  'theme.career-plan': 'Projet professionnel',
  'exit.durable-employment': 'Emploi durable',
  'exit.other-employment': 'Autre emploi',
  'exit.qualifying-training': 'Formation qualifiante',
  'exit.age-limit': 'Limite d’âge',
  'exit.moved-away': 'Déménagement',
  'exit.lost-contact': 'Perte de contact',
  'exit.youth-request': 'À la demande du jeune',
  'exit.other': 'Autre motif',
  'programme.PACEA': 'PACEA',
  'programme.CEJ': 'CEJ',
  'programmeExit.completed': 'Achevé',
  'programmeExit.autonomy': 'Autonomie',
  'programmeExit.age-limit': 'Limite d’âge',
  'programmeExit.youth-request': 'À la demande du jeune',
  'programmeExit.breach': 'Manquement',
  'programmeExit.term-reached': 'Durée maximale atteinte',
  'programmeExit.journey-closed': 'Dossier clos',
} as const satisfies Record<CodeKey, string>

/** The codes in English. */
export const codesEn: Translation<typeof codesFr> = {
  'outcome.carried-out': 'Carried out',
  'outcome.refused-by-youth': 'Refused by the young person',
  'outcome.refused-by-third-party': 'Refused by a third party',
  'outcome.expired': 'Expired (no answer)',
  'outcome.closed-without-follow-up': 'Closed without follow-up',
  'theme.employment': 'Employment',
  'theme.training': 'Training',
  'theme.apprenticeship': 'Apprenticeship',
  'theme.immersion': 'Immersion (PMSMP)',
  'theme.internship': 'Internship',
  'theme.health': 'Health',
  'theme.housing': 'Housing',
  'theme.citizenship': 'Citizenship',
  'theme.culture-sport-leisure': 'Culture, sport, leisure',
  'theme.career-plan': 'Career plan',
  'exit.durable-employment': 'Durable employment',
  'exit.other-employment': 'Other employment',
  'exit.qualifying-training': 'Qualifying training',
  'exit.age-limit': 'Age limit',
  'exit.moved-away': 'Moved away',
  'exit.lost-contact': 'Lost contact',
  'exit.youth-request': 'At the young person’s request',
  'exit.other': 'Other reason',
  'programme.PACEA': 'PACEA',
  'programme.CEJ': 'CEJ',
  'programmeExit.completed': 'Completed',
  'programmeExit.autonomy': 'Autonomy',
  'programmeExit.age-limit': 'Age limit',
  'programmeExit.youth-request': 'At the young person’s request',
  'programmeExit.breach': 'Breach',
  'programmeExit.term-reached': 'Maximum length reached',
  'programmeExit.journey-closed': 'Journey closed',
}
