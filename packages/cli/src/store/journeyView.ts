import { isLeft } from 'fp-ts/lib/Either.js'
import { currentIdentity, openAllowanceBasis, type Vault } from '@parcours/adapters'
import {
  journeyStreamName,
  Sealed,
  type MissionLocaleId,
  type OpenedBasis,
  type OpenedData,
  type YouthId,
} from '@parcours/domain'
import {
  cejProjection,
  timelineKey,
  timelineOf,
  timelineProjection,
  type CejYouth,
  type ProjectionSink,
  type TimelineItem,
} from '@parcours/projections'
import { usageError } from '../cli/errors.js'
import { authorize, journeyRefOf, recordOpening, type Session } from './access.js'
import { journeyFailure, vaultFailure } from './errors.js'
import type { StoreEnv } from './openStore.js'
import { documentOf } from './readModels.js'

// ---------------------------------------------------------------------------------------------
// query: one young person's journey as its reader may see it — the timeline, the sealed fields
// the access grant lets them open (each opening recorded in the access log first), the CEJ
// ---------------------------------------------------------------------------------------------

/** A field as shown: a value, the opened fields of a sealed one, or why it is not shown. */
export type Shown = string | number | boolean | null | Readonly<Record<string, string>>

/** One event of the journey, its sealed fields opened (or `withheld`, `rectified`, `erased`). */
export interface JourneyViewItem extends Omit<TimelineItem, 'details'> {
  readonly details: Readonly<Record<string, Shown>>
}

/** A journey as its reader sees it. */
export interface JourneyView {
  readonly youthId: YouthId
  readonly missionLocaleId: string
  readonly erased: boolean
  /** The identity in force, opened; null when none is recorded or the reader may not open it. */
  readonly identity: Shown
  readonly items: ReadonlyArray<JourneyViewItem>
  /** The CEJ engagement, when the young person has one. */
  readonly cej: CejYouth | undefined
  /** Opens an allowance basis of the CEJ section; null when the reader may not open it. */
  readonly openBasis: ((sealed: Sealed) => OpenedBasis) | null
}

/**
 * A sealed value opened through the vault: its fields, or 'erased'. A key store that cannot be
 * read, or a key it does not hold, fails the whole query (exit 3): nothing is shown or recorded.
 */
const openSealed = async (vault: Vault, youthId: YouthId, sealed: Sealed): Promise<Shown> => {
  const opened = await vault.open(sealed, youthId)()
  if (isLeft(opened)) throw vaultFailure(opened.left)
  return opened.right._tag === 'Erased' ? 'erased' : { ...opened.right.fields }
}

// Opens the young person's allowance bases for the CEJ section (the opening is logged with the rest).
const basisOpener = async (vault: Vault, youthId: YouthId, cej: CejYouth | undefined) => {
  const opened = new Map<string, OpenedBasis>()
  for (const c of cej?.ledger.contracts ?? [])
    for (const a of c.allowances)
      if (a.personalData !== null) {
        const r = await openAllowanceBasis(vault, a.personalData, youthId)()
        opened.set(a.personalData.ciphertext, isLeft(r) ? 'unreadable' : r.right)
      }
  return (sealed: Sealed): OpenedBasis => opened.get(sealed.ciphertext) ?? 'unreadable'
}

/**
 * Reads a journey for `session` (access denied: exit 1; no such journey: exit 2), opening what
 * its grant allows and recording the opening in the access log before anything is returned.
 */
export const readJourneyView = async (
  env: StoreEnv,
  sink: ProjectionSink,
  session: Session,
  youthId: YouthId,
  askedMissionLocale: string | undefined,
): Promise<JourneyView> => {
  const journey = await journeyRefOf(env, youthId)
  const grant = authorize(session, { kind: 'read-journey', purpose: 'show', journey })
  const stream = await env.store.readStream(journeyStreamName(youthId))()
  if (isLeft(stream)) throw journeyFailure(stream.left)
  const missionLocaleId = askedMissionLocale ?? journey.holder ?? undefined
  const timeline =
    missionLocaleId === undefined
      ? undefined
      : timelineOf(await documentOf(sink, timelineProjection, timelineKey(youthId)), {
          missionLocaleId,
          youthId,
        })
  if (timeline === undefined)
    throw usageError(
      `--youth: no journey ${youthId}${askedMissionLocale === undefined ? ' in this store' : ` held by mission locale ${askedMissionLocale}`}.`,
    )
  const sealedAt = new Map(
    stream.right.map((r) => [Number(r.revision), r.event as unknown as Record<string, unknown>]),
  )
  // What the grant lets this actor open, and what the journey holds of it. A comment is a
  // comment; the CEJ allowance's basis (a household's tax bracket) opens with the mission
  // locale's grant, identity and comments; every other sealed field is the identity's.
  const kindOf = (type: unknown, field: string): OpenedData =>
    type === 'CejAllowanceSet' ? 'allowance-basis' : field === 'comment' ? 'comments' : 'identity'
  const mayOpenKind = (kind: OpenedData) =>
    kind === 'identity'
      ? grant.identity
      : kind === 'comments'
        ? grant.comments
        : grant.identity && grant.comments
  const mayOpen = (type: unknown, field: string) => mayOpenKind(kindOf(type, field))
  const opened = new Set<OpenedData>()
  for (const raw of sealedAt.values())
    for (const [field, value] of Object.entries(raw))
      if (Sealed.is(value) && mayOpen(raw['type'], field)) opened.add(kindOf(raw['type'], field))
  // Only the identity in force is opened: one a rectification superseded reads `rectified`.
  const current = currentIdentity(stream.right.map((r) => r.event))
  const isIdentity = (type: unknown, field: string) =>
    field === 'personalData' && (type === 'YouthRegistered' || type === 'IdentityRectified')
  // Everything is opened first, and recorded before anything is shown: a vault failure
  // records nothing, and no opening is shown without its entry in the access log.
  const items: JourneyViewItem[] = []
  let identity: Shown = null
  for (const item of timeline.items) {
    const raw = sealedAt.get(item.revision) ?? {}
    const details: Record<string, Shown> = { ...item.details }
    for (const [field, value] of Object.entries(raw))
      if (Sealed.is(value)) {
        const superseded = isIdentity(raw['type'], field) && value !== current
        details[field] = !mayOpen(raw['type'], field)
          ? 'withheld'
          : superseded
            ? 'rectified'
            : await openSealed(env.vault, youthId, value)
        if (isIdentity(raw['type'], field) && !superseded) identity = details[field] ?? null
      }
    items.push({ ...item, details })
  }
  const cej = await documentOf(sink, cejProjection, `youth:${youthId}`)
  const openBasis = mayOpenKind('allowance-basis') ? await basisOpener(env.vault, youthId, cej) : null
  if (opened.size > 0 && !timeline.erased)
    await recordOpening(env.accessLog, session, {
      at: new Date().toISOString(),
      youthId,
      missionLocaleId: timeline.missionLocaleId as MissionLocaleId,
      purpose: 'show',
      opened: [...opened].sort(),
    })
  return {
    youthId,
    missionLocaleId: timeline.missionLocaleId,
    erased: timeline.erased,
    identity,
    items,
    cej,
    openBasis,
  }
}
