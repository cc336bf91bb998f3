import { addDays, addYears, type LocalDate, type Prng } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// fictitious people: names, birth dates and counsellor comments (personal data the vault seals)
// ---------------------------------------------------------------------------------------------

const FIRST_NAMES = [
  'Léa',
  'Hugo',
  'Inès',
  'Lucas',
  'Manon',
  'Nathan',
  'Chloé',
  'Yanis',
  'Camille',
  'Enzo',
  'Sarah',
  'Mathis',
  'Jade',
  'Rayan',
  'Emma',
  'Théo',
  'Lina',
  'Louis',
  'Zoé',
  'Adam',
  'Clara',
  'Noah',
  'Maëlys',
  'Bilal',
  'Océane',
  'Kylian',
  'Anaïs',
  'Samir',
  'Lou',
  'Tom',
  'Aya',
  'Axel',
  'Jeanne',
  'Ilyes',
  'Romane',
  'Malik',
  'Eva',
  'Gabin',
  'Nour',
  'Léo',
] as const

const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefebvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Legrand',
  'Garnier',
  'Faure',
  'Rousseau',
  'Blanc',
  'Guerin',
  'Muller',
  'Henry',
  'Roussel',
  'Nicolas',
  'Perrin',
  'Mathieu',
  'Clement',
  'Gauthier',
  'Dumont',
  'Lopez',
  'Fontaine',
] as const

const COMMENTS = [
  (n: string) => `${n} cherche un emploi dans la logistique, permis B en cours.`,
  (n: string) => `${n} souhaite reprendre une formation d'aide-soignant·e.`,
  (n: string) => `${n} est hébergé·e chez un ami, demande d'aide au logement à suivre.`,
  (n: string) => `Entretien positif avec ${n} : projet dans la restauration, CV refait.`,
  (n: string) => `${n} a des difficultés de transport ; point mobilité à prévoir.`,
  (n: string) => `${n} a besoin d'un rendez-vous santé avant toute reprise.`,
  (n: string) => `${n} vise un apprentissage en électricité, recherche d'employeur.`,
  (n: string) => `${n} absent·e au dernier atelier, relance téléphonique faite.`,
] as const

/** Every name and comment the simulator can give, so tests can look for them in stored bytes and logs. */
export const fictitiousPersonalData = {
  firstNames: FIRST_NAMES,
  lastNames: LAST_NAMES,
  comments: COMMENTS.map((c) => c('')),
} as const

/** A fictitious young person. */
export interface Person {
  readonly firstName: string
  readonly lastName: string
  readonly birthDate: LocalDate
  readonly rqth: boolean
}

/** The age at registration: most are 18–22; a few RQTH people of 26–29 come for the CEJ. */
const drawAge = (rng: Prng, rqthOver26: boolean): number =>
  rqthOver26
    ? rng.int(26, 29)
    : rng.weighted([
        [16, 4],
        [17, 8],
        [18, 14],
        [19, 15],
        [20, 14],
        [21, 12],
        [22, 10],
        [23, 8],
        [24, 7],
        [25, 6],
      ] as const)

/** A person aged exactly `age` on `on` (birthday drawn uniformly within that year of age). */
const birthDateFor = (rng: Prng, age: number, on: LocalDate): LocalDate =>
  addDays(addYears(on, -(age + 1)), rng.int(1, 364))

/** Draws a fictitious person registered on `registeredOn`. */
export const drawPerson = (rng: Prng, registeredOn: LocalDate): Person => {
  const rqthOver26 = rng.chance(0.015)
  const age = drawAge(rng, rqthOver26)
  return {
    firstName: rng.pick(FIRST_NAMES),
    lastName: rng.pick(LAST_NAMES),
    birthDate: birthDateFor(rng, age, registeredOn),
    rqth: rqthOver26 || rng.chance(0.04),
  }
}

/** A counsellor's free-text comment about the person (personal data: it names them). */
export const drawComment = (rng: Prng, person: Person): string => rng.pick(COMMENTS)(person.firstName)
