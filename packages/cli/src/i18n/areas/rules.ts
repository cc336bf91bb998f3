import type { JourneyError } from '@parcours/domain'
import type { Translation } from '../message.js'

// ---------------------------------------------------------------------------------------------
// area: the journey rules a counsellor's forms meet most, said to the counsellor (a refusal by
// any other rule shows its name and the domain's own sentence)
// ---------------------------------------------------------------------------------------------

type RuleKey = `rule.${JourneyError['_tag'] | 'PersonalDataErased'}`

/** The rules in French. */
export const rulesFr = {
  'rule.NotEligible': 'Le jeune n’a pas l’âge d’être accueilli à cette date (de 16 à 25 ans révolus).',
  'rule.AlreadyRegistered': 'Ce jeune a déjà un dossier : il ne peut pas être accueilli une seconde fois.',
  'rule.NotRegistered': 'Aucun dossier ne porte cet identifiant.',
  'rule.JourneyIsClosed': 'Le dossier est clos : seule une réouverture est possible.',
  'rule.AgeLimitReached': 'Le jeune a atteint la limite d’âge.',
  'rule.DatedBeforeRegistration': 'La date est antérieure au premier accueil.',
  'rule.DatedBeforeReopeningOrTransfer':
    'La date est antérieure à la réouverture ou au transfert du dossier.',
  'rule.DuplicateProposal': 'Une proposition porte déjà cet identifiant.',
  'rule.RespondByBeforeOffer': 'La date de réponse attendue précède la date de la proposition.',
  'rule.UnknownProposal': 'Aucune proposition ne porte cet identifiant.',
  'rule.OutcomeAlreadyRecorded': 'Cette proposition a déjà son issue.',
  'rule.DatedBeforeOffer': 'L’issue ne peut pas être datée avant la proposition.',
  'rule.DatedBeforeAcceptance': 'L’issue ne peut pas être datée avant l’acceptation.',
  'rule.ProposalNotExpired':
    'La proposition ne peut être déclarée expirée qu’après sa date de réponse attendue.',
  'rule.DuplicateFollowUp': 'Un rendez-vous porte déjà cet identifiant.',
  'rule.DueBeforeScheduled': 'Le rendez-vous ne peut pas avoir lieu avant la date où il est planifié.',
  'rule.UnknownSession': 'Le jeune n’est pas inscrit à cette session collective.',
  'rule.SessionOutcomeAlreadyRecorded': 'La présence à cette session est déjà enregistrée.',
  'rule.AttendanceBeforeSession': 'La présence ne peut pas être enregistrée avant la session.',
  'rule.WrongMissionLocale': 'Ce dossier est suivi par une autre mission locale.',
  'rule.PersonalDataErased':
    'Les données personnelles de ce jeune ont été effacées : aucune nouvelle donnée personnelle ne peut être enregistrée.',
} as const satisfies Partial<Record<RuleKey, string>>

/** The rules in English. */
export const rulesEn: Translation<typeof rulesFr> = {
  'rule.NotEligible': 'The young person is not of an age to be received on that date (16 to 25).',
  'rule.AlreadyRegistered': 'This young person already has a journey: they cannot be received twice.',
  'rule.NotRegistered': 'No journey has this id.',
  'rule.JourneyIsClosed': 'The journey is closed: only reopening it is possible.',
  'rule.AgeLimitReached': 'The young person has reached the age limit.',
  'rule.DatedBeforeRegistration': 'The date is before the first reception.',
  'rule.DatedBeforeReopeningOrTransfer': 'The date is before the journey was reopened or transferred.',
  'rule.DuplicateProposal': 'A proposal already has this id.',
  'rule.RespondByBeforeOffer': 'The respond-by date is before the date of the proposal.',
  'rule.UnknownProposal': 'No proposal has this id.',
  'rule.OutcomeAlreadyRecorded': 'This proposal already has its outcome.',
  'rule.DatedBeforeOffer': 'The outcome cannot be dated before the proposal.',
  'rule.DatedBeforeAcceptance': 'The outcome cannot be dated before the acceptance.',
  'rule.ProposalNotExpired': 'A proposal can be recorded as expired only after its respond-by date.',
  'rule.DuplicateFollowUp': 'An appointment already has this id.',
  'rule.DueBeforeScheduled': 'The appointment cannot be held before the date it is planned on.',
  'rule.UnknownSession': 'The young person is not registered to this collective session.',
  'rule.SessionOutcomeAlreadyRecorded': 'Attendance at this session is already recorded.',
  'rule.AttendanceBeforeSession': 'Attendance cannot be recorded before the session.',
  'rule.WrongMissionLocale': 'This journey is followed by another mission locale.',
  'rule.PersonalDataErased':
    'This young person’s personal data was erased: no new personal data can be recorded.',
}
