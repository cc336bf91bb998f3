import type { XmlElement } from './lheoXml.js'

// ---------------------------------------------------------------------------------------------
// model: what the training catalogue keeps of an LHEO file, and the validation of each element.
// A formation, its organisme-formation-responsable, its actions and their sessions become
// records keyed by their LHEO `numero`. A malformed element is refused with its line, its path
// and the reason; its parent's other children go on (a bad session leaves its action, a bad
// action its formation). Nothing of a person is kept: no contact, no name of a contact person.
// ---------------------------------------------------------------------------------------------

/** A training body responsible for formations. */
export interface OrganismeRecord {
  readonly kind: 'organisme'
  readonly id: string
  readonly siret: string
  readonly name: string
}

/** A formation: what is taught, certifying or not, its codes. */
export interface FormationRecord {
  readonly kind: 'formation'
  readonly id: string
  readonly title: string
  readonly certifying: boolean
  readonly formacodes: ReadonlyArray<string>
  readonly romeCodes: ReadonlyArray<string>
  readonly organismeId: string
}

/** An action: a formation as one body runs it, somewhere. */
export interface ActionRecord {
  readonly kind: 'action'
  readonly id: string
  readonly formationId: string
  readonly rhythm: string
  readonly postalCode: string | null
  readonly city: string | null
}

/** How recruitment stands on a session (etat-recrutement). */
export type Recruitment = 'open' | 'closed' | 'suspended'

/** A session of an action: its period and recruitment. */
export interface SessionRecord {
  readonly kind: 'session'
  /** `<action numero>/<session numero>`: a session's numero is its action's own. */
  readonly id: string
  readonly actionId: string
  readonly sessionId: string
  readonly formationId: string
  /** YYYY-MM-DD, YYYY-MM or YYYY as LHEO gives it, or null when unknown (00000000) or open (99999999). */
  readonly startsOn: string | null
  readonly endsOn: string | null
  readonly recruitment: Recruitment | null
}

/** One record of the catalogue. */
export type CatalogueRecord = OrganismeRecord | FormationRecord | ActionRecord | SessionRecord

/** The kinds of record, in the order a formation gives them. */
export const catalogueKinds = ['organisme', 'formation', 'action', 'session'] as const
/** One of `catalogueKinds`. */
export type CatalogueKind = (typeof catalogueKinds)[number]

/** An element refused: where, what, and why. */
export interface Rejection {
  readonly line: number
  readonly path: string
  readonly element: CatalogueKind
  readonly numero: string | null
  readonly reason: string
}

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

const childrenNamed = (e: XmlElement, name: string) => e.children.filter((c) => c.name === name)
const child = (e: XmlElement, name: string) => e.children.find((c) => c.name === name)
const textOf = (e: XmlElement | undefined) => e?.text.trim() ?? ''

/** The problems of an element: a reason per missing or malformed child. */
type Check = (e: XmlElement) => ReadonlyArray<string>

const required =
  (...names: string[]): Check =>
  (e) =>
    names.filter((n) => child(e, n) === undefined).map((n) => `required element <${n}> is missing`)

const atLeast =
  (name: string, min: number, max = Infinity): Check =>
  (e) => {
    const n = childrenNamed(e, name).length
    return n < min
      ? [`at least ${min} <${name}> expected, ${n} found`]
      : n > max
        ? [`at most ${max} <${name}> expected, ${n} found`]
        : []
  }

const numero: Check = (e) =>
  /^\S{1,100}$/.test(e.attributes['numero'] ?? '')
    ? []
    : ['attribute numero is missing or not an id (1 to 100 characters, no space): the catalogue keys on it']

const run = (e: XmlElement, checks: ReadonlyArray<Check>) => checks.flatMap((c) => c(e))

/** An LHEO date (AAAAMMJJ; AAAAMM00 a month, AAAA0000 a year, 00000000 unknown, 99999999 open), or the reason it is not one. */
export const lheoDate = (raw: string): { readonly value: string | null } | { readonly error: string } => {
  if (!/^\d{8}$/.test(raw)) return { error: `'${raw}' is not a date (AAAAMMJJ)` }
  if (raw === '00000000' || raw === '99999999') return { value: null }
  const [y, m, d] = [raw.slice(0, 4), raw.slice(4, 6), raw.slice(6, 8)]
  if (m === '00') return d === '00' ? { value: y } : { error: `'${raw}': a day without a month` }
  if (Number(m) > 12) return { error: `'${raw}': month ${m} does not exist` }
  if (d === '00') return { value: `${y}-${m}` }
  const days = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate()
  if (Number(d) < 1 || Number(d) > days) return { error: `'${raw}': ${y}-${m} has no day ${d}` }
  return { value: `${y}-${m}-${d}` }
}

const recruitmentOf: Readonly<Record<string, Recruitment>> = { '1': 'open', '2': 'closed', '3': 'suspended' }

// ---------------------------------------------------------------------------------------------
// the validation of each element
// ---------------------------------------------------------------------------------------------

const formationChecks: ReadonlyArray<Check> = [
  numero,
  required(
    'domaine-formation',
    'intitule-formation',
    'objectif-formation',
    'resultats-attendus',
    'contenu-formation',
    'certifiante',
    'parcours-de-formation',
    'code-niveau-entree',
    'organisme-formation-responsable',
  ),
  atLeast('contact-formation', 1),
  atLeast('action', 1),
  (e) => {
    const t = textOf(child(e, 'intitule-formation'))
    return child(e, 'intitule-formation') !== undefined && (t.length < 1 || t.length > 255)
      ? [`<intitule-formation> must hold 1 to 255 characters, not ${t.length}`]
      : []
  },
  (e) => {
    const c = child(e, 'certifiante')
    return c !== undefined && !['0', '1'].includes(textOf(c))
      ? [`<certifiante> is 0 or 1, not '${textOf(c)}'`]
      : []
  },
  (e) => {
    const domain = child(e, 'domaine-formation')
    if (domain === undefined) return []
    const bad = [
      ...childrenNamed(domain, 'code-FORMACODE')
        .filter((c) => !/^\d{5}$/.test(textOf(c)))
        .map((c) => `<code-FORMACODE> '${textOf(c)}' is not 5 digits`),
      ...childrenNamed(domain, 'code-ROME')
        .filter((c) => !/^[A-N]\d{4}$/.test(textOf(c)))
        .map((c) => `<code-ROME> '${textOf(c)}' is not a ROME code (a letter A to N and 4 digits)`),
    ]
    return bad
  },
]

const actionChecks: ReadonlyArray<Check> = [
  numero,
  required(
    'rythme-formation',
    'niveau-entree-obligatoire',
    'modalites-alternance',
    'modalites-enseignement',
    'conditions-specifiques',
    'prise-en-charge-frais-possible',
    'modalites-entrees-sorties',
  ),
  atLeast('code-public-vise', 1, 10),
  atLeast('session', 1),
]

const sessionChecks: ReadonlyArray<Check> = [
  numero,
  required('periode', 'adresse-inscription'),
  (e) => {
    const p = child(e, 'periode')
    if (p === undefined) return []
    const missing = required('debut', 'fin')(p)
    if (missing.length > 0) return missing.map((m) => `<periode>: ${m}`)
    const [start, end] = [lheoDate(textOf(child(p, 'debut'))), lheoDate(textOf(child(p, 'fin')))]
    const errors = [
      ...('error' in start ? [`<debut>: ${start.error}`] : []),
      ...('error' in end ? [`<fin>: ${end.error}`] : []),
    ]
    if (errors.length > 0) return errors
    const [s, f] = [textOf(child(p, 'debut')), textOf(child(p, 'fin'))]
    return s !== '00000000' && f !== '00000000' && f !== '99999999' && f < s
      ? [`<fin> ${f} is before <debut> ${s}`]
      : []
  },
  (e) => {
    const r = child(e, 'etat-recrutement')
    return r !== undefined && recruitmentOf[textOf(r)] === undefined
      ? [`<etat-recrutement> is 1, 2 or 3, not '${textOf(r)}'`]
      : []
  },
]

const organismeChecks: ReadonlyArray<Check> = [
  required('numero-activite', 'nom-organisme', 'raison-sociale', 'coordonnees-organisme'),
  atLeast('contact-organisme', 1),
  (e) => {
    const s = child(e, 'SIRET-organisme-formation')
    if (s === undefined) return ['required element <SIRET-organisme-formation> is missing']
    const siret = textOf(child(s, 'SIRET'))
    return /^\d{14}$/.test(siret) ? [] : [`<SIRET> '${siret}' is not 14 digits`]
  },
]

const rejection = (e: XmlElement, element: CatalogueKind, reasons: ReadonlyArray<string>): Rejection => ({
  line: e.line,
  path: e.path,
  element,
  numero: e.attributes['numero'] ?? null,
  reason: reasons.join('; '),
})

/** What one formation element gives: the records to keep and the elements refused. */
export interface FormationOutcome {
  readonly records: ReadonlyArray<CatalogueRecord>
  readonly rejections: ReadonlyArray<Rejection>
  /** How many records it held, kept or refused: formation, organisme, actions, sessions. */
  readonly received: number
}

/** Validates a formation element and maps it to catalogue records. */
export const formationRecords = (f: XmlElement): FormationOutcome => {
  const actions = childrenNamed(f, 'action')
  const sessionsOf = (a: XmlElement) => childrenNamed(a, 'session')
  const organisme = child(f, 'organisme-formation-responsable')
  const received =
    1 +
    (organisme === undefined ? 0 : 1) +
    actions.length +
    actions.reduce((n, a) => n + sessionsOf(a).length, 0)
  const own = run(f, formationChecks)
  const orgProblems = organisme === undefined ? [] : run(organisme, organismeChecks)
  if (own.length > 0 || orgProblems.length > 0)
    return {
      records: [],
      rejections: [
        rejection(f, 'formation', [
          ...own,
          ...orgProblems.map((p) => `<organisme-formation-responsable>: ${p}`),
        ]),
      ],
      received,
    }
  const org = organisme as XmlElement
  const siret = textOf(child(child(org, 'SIRET-organisme-formation') as XmlElement, 'SIRET'))
  const organismeId = org.attributes['numero'] ?? siret
  const formationId = f.attributes['numero'] as string
  const domain = child(f, 'domaine-formation') as XmlElement
  const records: CatalogueRecord[] = [
    { kind: 'organisme', id: organismeId, siret, name: textOf(child(org, 'nom-organisme')) },
    {
      kind: 'formation',
      id: formationId,
      title: textOf(child(f, 'intitule-formation')),
      certifying: textOf(child(f, 'certifiante')) === '1',
      formacodes: childrenNamed(domain, 'code-FORMACODE').map(textOf),
      romeCodes: childrenNamed(domain, 'code-ROME').map(textOf),
      organismeId,
    },
  ]
  const rejections: Rejection[] = []
  for (const a of actions) {
    const problems = run(a, actionChecks)
    if (problems.length > 0) {
      rejections.push(rejection(a, 'action', problems))
      continue
    }
    const actionId = a.attributes['numero'] as string
    const address = child(child(child(a, 'lieu-de-formation') ?? a, 'coordonnees') ?? a, 'adresse')
    records.push({
      kind: 'action',
      id: actionId,
      formationId,
      rhythm: textOf(child(a, 'rythme-formation')),
      postalCode: address === undefined ? null : textOf(child(address, 'codepostal')) || null,
      city: address === undefined ? null : textOf(child(address, 'ville')) || null,
    })
    for (const s of sessionsOf(a)) {
      const sp = run(s, sessionChecks)
      if (sp.length > 0) {
        rejections.push(rejection(s, 'session', sp))
        continue
      }
      const p = child(s, 'periode') as XmlElement
      const date = (name: string) => {
        const d = lheoDate(textOf(child(p, name)))
        return 'value' in d ? d.value : null
      }
      const sessionId = s.attributes['numero'] as string
      records.push({
        kind: 'session',
        id: `${actionId}/${sessionId}`,
        actionId,
        sessionId,
        formationId,
        startsOn: date('debut'),
        endsOn: date('fin'),
        recruitment: recruitmentOf[textOf(child(s, 'etat-recrutement'))] ?? null,
      })
    }
  }
  return { records, rejections, received }
}
