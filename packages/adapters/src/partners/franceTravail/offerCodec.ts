import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { Refusal } from '../inbox/receiveInbound.js'

// ---------------------------------------------------------------------------------------------
// model: a job offer of France Travail's "Offres d'emploi v2" API, validated at the edge, and
// what the offer catalogue keeps of it. The API gives many more fields; the codec reads the ones
// the catalogue keeps and lets the others pass. Nothing of a person is kept: an offer's contact
// (`contact`: a recruiter's name, e-mail, phone) is not read.
// ---------------------------------------------------------------------------------------------

const nonEmpty = t.refinement(t.string, (s) => s.trim().length > 0, 'NonEmptyString')
const offerId = t.refinement(t.string, (s) => /^[A-Za-z0-9]{1,20}$/.test(s), 'OfferId')
const isoInstant = t.refinement(t.string, (s) => !Number.isNaN(Date.parse(s)), 'IsoDateTime')
const optional = <C extends t.Mixed>(c: C) => t.union([c, t.undefined, t.null])

/** A France Travail job offer as the search returns it (the fields Parcours reads). */
export const FranceTravailOffer = t.intersection(
  [
    t.type({
      id: offerId,
      intitule: nonEmpty,
      dateCreation: isoInstant,
      typeContrat: nonEmpty,
      lieuTravail: t.intersection([
        t.type({ libelle: nonEmpty }),
        t.partial({ codePostal: optional(t.string), commune: optional(t.string) }),
      ]),
    }),
    t.partial({
      description: optional(t.string),
      dureeTravailLibelle: optional(t.string),
      romeCode: optional(t.refinement(t.string, (s) => /^[A-Z]\d{4}$/.test(s), 'RomeCode')),
      entreprise: optional(t.partial({ nom: optional(t.string) })),
      alternance: optional(t.boolean),
      dateActualisation: optional(isoInstant),
    }),
  ],
  'FranceTravailOffer',
)
export type FranceTravailOffer = t.TypeOf<typeof FranceTravailOffer>

/** A job offer in the catalogue. */
export interface OfferRecord {
  readonly id: string
  readonly title: string
  readonly description: string
  /** When France Travail created it (ISO). */
  readonly createdAt: string
  /** CDI, CDD, MIS (temporary work), SAI (seasonal)… as France Travail codes it. */
  readonly contractType: string
  readonly workingTime: string | null
  readonly place: string
  readonly postalCode: string | null
  /** The INSEE code of the commune. */
  readonly commune: string | null
  readonly romeCode: string | null
  readonly employer: string | null
  /** An apprenticeship or professionalisation contract (alternance). */
  readonly apprenticeship: boolean
}

/** What the catalogue keeps of an offer. */
export const offerRecordOf = (o: FranceTravailOffer): OfferRecord => ({
  id: o.id,
  title: o.intitule.trim(),
  description: o.description ?? '',
  createdAt: o.dateCreation,
  contractType: o.typeContrat,
  workingTime: o.dureeTravailLibelle ?? null,
  place: o.lieuTravail.libelle,
  postalCode: o.lieuTravail.codePostal ?? null,
  commune: o.lieuTravail.commune ?? null,
  romeCode: o.romeCode ?? null,
  employer: o.entreprise?.nom ?? null,
  apprenticeship: o.alternance ?? false,
})

/** The paths and reasons of a failed decode, one line, one reason a path: `intitule: expected NonEmptyString, got ""`. */
const reasonsOf = (errors: t.Errors): string => {
  const byPath = new Map<string, string>()
  for (const e of errors) {
    const path = e.context
      .map((c) => c.key)
      .filter((k) => k !== '' && !/^\d+$/.test(k))
      .join('.')
    const expected = e.context[e.context.length - 1]?.type.name ?? 'a value'
    const at = path === '' ? 'the offer' : path
    if (!byPath.has(at))
      byPath.set(at, `${at}: expected ${expected}, got ${JSON.stringify(e.value) ?? 'nothing'}`)
  }
  return [...byPath.values()].join('; ')
}

/** Validates an offer at the edge: its id and catalogue record, or why it is refused (with its id when readable). */
export const decodeFranceTravailOffer = (
  raw: unknown,
): Either<Refusal, { readonly key: string; readonly value: OfferRecord }> => {
  const d = FranceTravailOffer.decode(raw)
  if (isLeft(d)) {
    const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined
    return left({ key: typeof id === 'string' && offerId.is(id) ? id : null, reason: reasonsOf(d.left) })
  }
  return right({ key: d.right.id, value: offerRecordOf(d.right) })
}
