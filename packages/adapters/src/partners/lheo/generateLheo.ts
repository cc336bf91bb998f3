import { createPrng } from '@parcours/domain'
import { LHEO_NAMESPACE } from './lheoXml.js'

// ---------------------------------------------------------------------------------------------
// a synthetic regional LHEO 2.3 file, for the streaming test, the demo and benchmarks: generated
// a formation at a time, so a file of any size is written without being held. Deterministic for
// a seed. Optionally some sessions are malformed (a period ending before it starts) and some
// formations lack their title, to show how an import refuses them.
// ---------------------------------------------------------------------------------------------

/** What to generate. */
export interface LheoGeneratorOptions {
  readonly formations: number
  readonly actionsPerFormation?: number
  readonly sessionsPerAction?: number
  readonly seed?: number
  /** Every n-th formation (1-based) has a malformed session; 0 or absent: none. */
  readonly malformedSessionEvery?: number
  /** Every n-th formation has no title (the whole formation is refused); 0 or absent: none. */
  readonly untitledEvery?: number
  /** Sessions start from this year (default 2025). */
  readonly year?: number
}

const TITLES = [
  ['Préparation opérationnelle à l’emploi — logistique', '31812', 'N1103'],
  ['CAP cuisine', '42752', 'G1602'],
  ['Titre professionnel agent de propreté et d’hygiène', '42811', 'K2204'],
  ['Remise à niveau — savoirs de base', '15040', 'K2111'],
  ['BTS négociation et digitalisation de la relation client', '34582', 'D1402'],
  ['Titre professionnel développeur web et web mobile', '31054', 'M1805'],
  ['CACES R489 chariots élévateurs', '31795', 'N1101'],
  ['Titre professionnel assistant de vie aux familles', '44041', 'K1302'],
] as const
const CITIES = [
  ['80000', 'Amiens'],
  ['76000', 'Rouen'],
  ['59000', 'Lille'],
  ['60000', 'Beauvais'],
  ['02100', 'Saint-Quentin'],
] as const

const pad = (n: number, width: number) => String(n).padStart(width, '0')
const ymd = (y: number, m: number, d: number) => `${y}${pad(m, 2)}${pad(d, 2)}`

/** The file, a piece at a time: the header, one formation per piece, the footer. */
export function* generateLheo(options: LheoGeneratorOptions): Generator<string> {
  const rng = createPrng(options.seed ?? 2025)
  const actions = options.actionsPerFormation ?? 2
  const sessions = options.sessionsPerAction ?? 2
  const year = options.year ?? 2025
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<lheo xmlns="${LHEO_NAMESPACE}">\n<offres>\n`
  for (let f = 1; f <= options.formations; f++) {
    const [title, formacode, rome] = rng.pick(TITLES)
    const fid = `F${pad(f, 6)}`
    const untitled =
      options.untitledEvery !== undefined && options.untitledEvery > 0 && f % options.untitledEvery === 0
    const malformed =
      options.malformedSessionEvery !== undefined &&
      options.malformedSessionEvery > 0 &&
      f % options.malformedSessionEvery === 0
    const parts: string[] = [
      `<formation numero="${fid}">`,
      `<domaine-formation><code-FORMACODE ref="V13">${formacode}</code-FORMACODE><code-ROME ref="V4">${rome}</code-ROME></domaine-formation>`,
      untitled ? '' : `<intitule-formation>${title}</intitule-formation>`,
      '<objectif-formation>Acquérir les compétences du métier.</objectif-formation>',
      '<resultats-attendus>Certification ou attestation de compétences.</resultats-attendus>',
      '<contenu-formation>Apports théoriques et mises en situation professionnelle.</contenu-formation>',
      `<certifiante>${rng.chance(0.6) ? 1 : 0}</certifiante>`,
      '<contact-formation><coordonnees><courriel>formation@organisme.invalid</courriel></coordonnees></contact-formation>',
      '<parcours-de-formation>1</parcours-de-formation>',
      '<code-niveau-entree>0</code-niveau-entree>',
    ]
    for (let a = 1; a <= actions; a++) {
      const [postal, city] = rng.pick(CITIES)
      parts.push(
        `<action numero="${fid}-A${a}">`,
        '<rythme-formation>Temps plein</rythme-formation>',
        '<code-public-vise ref="V13">80056</code-public-vise>',
        '<niveau-entree-obligatoire>0</niveau-entree-obligatoire>',
        '<modalites-alternance>Alternance centre et entreprise</modalites-alternance>',
        '<modalites-enseignement>0</modalites-enseignement>',
        '<conditions-specifiques>Aucune</conditions-specifiques>',
        '<prise-en-charge-frais-possible>1</prise-en-charge-frais-possible>',
        `<lieu-de-formation><coordonnees><adresse><ligne>Centre de formation</ligne><codepostal>${postal}</codepostal><ville>${city}</ville></adresse></coordonnees></lieu-de-formation>`,
        '<modalites-entrees-sorties>0</modalites-entrees-sorties>',
      )
      for (let s = 1; s <= sessions; s++) {
        const month = rng.int(1, 12)
        const start = ymd(year, month, rng.int(1, 28))
        const end = ymd(year + 1, rng.int(1, 12), rng.int(1, 28))
        const bad = malformed && a === 1 && s === 1
        parts.push(
          `<session numero="S${s}">`,
          `<periode><debut>${bad ? end : start}</debut><fin>${bad ? start : end}</fin></periode>`,
          `<adresse-inscription><adresse><ligne>Accueil</ligne><codepostal>${postal}</codepostal><ville>${city}</ville></adresse></adresse-inscription>`,
          `<etat-recrutement>${rng.weighted([
            ['1', 6],
            ['2', 2],
            ['3', 1],
          ] as const)}</etat-recrutement>`,
          '</session>',
        )
      }
      parts.push('</action>')
    }
    // An organisme is the same wherever it appears: its SIRET and name follow from its number.
    const org = pad(rng.int(1, 40), 3)
    parts.push(
      `<organisme-formation-responsable numero="OF${org}">`,
      '<numero-activite>11223344556</numero-activite>',
      `<SIRET-organisme-formation><SIRET>${pad(Number(org), 14)}</SIRET></SIRET-organisme-formation>`,
      `<nom-organisme>Organisme de formation ${org}</nom-organisme>`,
      '<raison-sociale>Organisme de formation</raison-sociale>',
      '<coordonnees-organisme><coordonnees><adresse><ligne>1 rue du Centre</ligne><codepostal>80000</codepostal><ville>Amiens</ville></adresse></coordonnees></coordonnees-organisme>',
      '<contact-organisme><coordonnees><courriel>contact@organisme.invalid</courriel></coordonnees></contact-organisme>',
      '</organisme-formation-responsable>',
      '</formation>\n',
    )
    yield parts.filter((p) => p !== '').join('\n')
  }
  yield '</offres>\n</lheo>\n'
}
