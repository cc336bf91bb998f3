import { createPrng } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// synthetic France Travail offers in the API's shape, for the simulator, the tests and the
// demo; deterministic for a seed. Ids look like France Travail's (three digits, four letters).
// ---------------------------------------------------------------------------------------------

const JOBS = [
  ['Préparateur / Préparatrice de commandes', 'N1103'],
  ['Commis de cuisine', 'G1602'],
  ['Agent / Agente de propreté', 'K2204'],
  ['Vendeur / Vendeuse en prêt-à-porter', 'D1214'],
  ['Aide à domicile', 'K1302'],
  ['Cariste', 'N1101'],
  ['Employé / Employée de libre-service', 'D1507'],
  ['Développeur / Développeuse web', 'M1805'],
] as const
const PLACES = [
  ['80 - Amiens', '80000', '80021'],
  ['76 - Rouen', '76000', '76540'],
  ['59 - Lille', '59000', '59350'],
  ['60 - Beauvais', '60000', '60057'],
] as const
const CONTRACTS = [
  ['CDI', 4],
  ['CDD', 3],
  ['MIS', 2],
  ['SAI', 1],
] as const
const EMPLOYERS = ['LOGISTIQUE PICARDE', 'LA BONNE TABLE', 'NET SERVICES', 'MODE & CO', 'AIDE ET VIE']

/** `count` offers in France Travail's shape, created in the days before `createdBefore` (ISO date). */
export const generateFranceTravailOffers = (options: {
  readonly count: number
  readonly seed?: number
  readonly createdBefore?: string
}): ReadonlyArray<Record<string, unknown>> => {
  const rng = createPrng(options.seed ?? 2026)
  const before = Date.parse(`${options.createdBefore ?? '2026-01-05'}T00:00:00Z`)
  return Array.from({ length: options.count }, (_, i) => {
    const [title, rome] = rng.pick(JOBS)
    const [libelle, codePostal, commune] = rng.pick(PLACES)
    const alternance = rng.chance(0.15)
    const typeContrat = alternance ? 'CDD' : rng.weighted(CONTRACTS.map(([c, w]) => [c, w] as const))
    const letters = Array.from({ length: 4 }, () => String.fromCharCode(65 + rng.int(0, 25))).join('')
    return {
      id: `${String(100 + (i % 900)).padStart(3, '0')}${letters}`,
      intitule: title,
      description: `${title} (H/F) — poste à pourvoir rapidement.`,
      dateCreation: new Date(before - rng.int(1, 60) * 86_400_000).toISOString(),
      typeContrat,
      dureeTravailLibelle: rng.chance(0.7) ? '35H Horaires normaux' : '24H Travail en équipe',
      lieuTravail: { libelle, codePostal, commune },
      romeCode: rome,
      entreprise: { nom: rng.pick(EMPLOYERS) },
      alternance,
    }
  })
}
