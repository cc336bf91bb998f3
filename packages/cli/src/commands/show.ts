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
  getDoc,
  queryTimeline,
  timelineProjection,
  type CejYouth,
} from '@parcours/projections'
import { cejSection } from '../cej/cejSection.js'
import { usageError } from '../cli/errors.js'
import { parseId } from '../cli/parse.js'
import { authorize, journeyRefOf, recordOpening } from '../store/access.js'
import { journeyFailure, vaultFailure } from '../store/errors.js'
import { queryReadModels } from '../store/queryReadModels.js'
import { readModelOf } from '../store/readModels.js'
import type { CommandModule } from './commandModule.js'
import { dateOrToday } from './journey/index.js'

type Shown = string | number | boolean | null | Readonly<Record<string, string>>

/**
 * A sealed value opened through the vault: its fields, or 'erased'. A key store that cannot be
 * read, or a key it does not hold, fails the whole query (exit 3): nothing is shown or recorded.
 */
const openSealed = async (vault: Vault, youthId: YouthId, sealed: Sealed): Promise<Shown> => {
  const opened = await vault.open(sealed, youthId)()
  if (isLeft(opened)) throw vaultFailure(opened.left)
  return opened.right._tag === 'Erased' ? 'erased' : { ...opened.right.fields }
}

const text = (v: Shown): string => {
  if (typeof v !== 'object' || v === null) return String(v)
  const entries = Object.entries(v)
  return entries.length === 1 && entries[0]?.[0] === 'comment'
    ? `"${entries[0][1]}"`
    : entries.map(([k, x]) => `${k}: ${x}`).join(', ')
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

/** `parcours show`: a young person's timeline, personal fields opened through the vault. */
export const register: CommandModule['register'] = (command, ctx) =>
  command
    .requiredOption('--youth <id>', 'the young person', parseId)
    .option(
      '--mission-locale <id>',
      'the mission locale asking (it sees only the journeys it holds)',
      parseId,
    )
    .option('--json', 'print the timeline as JSON')
    .addOption(dateOrToday('--at <date>', 'the CEJ weeks and allowance as of this date'))
    .action(async (o, cmd) => {
      const session = ctx.session(cmd)
      const { env, sink } = await queryReadModels(ctx, cmd)
      const youthId = o.youth as YouthId
      const journey = await journeyRefOf(env, youthId)
      const grant = authorize(session, { kind: 'read-journey', purpose: 'show', journey })
      const stream = await env.store.readStream(journeyStreamName(youthId))()
      if (isLeft(stream)) throw journeyFailure(stream.left)
      const holder = journey.holder ?? undefined
      const missionLocaleId = o.missionLocale ?? holder
      const timeline =
        missionLocaleId === undefined
          ? undefined
          : queryTimeline(await readModelOf(sink, timelineProjection), { missionLocaleId, youthId })
      if (timeline === undefined)
        throw usageError(
          `--youth: no journey ${youthId}${o.missionLocale === undefined ? ' in this store' : ` held by mission locale ${o.missionLocale}`}.`,
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
      const items = []
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
      const cej = getDoc(await readModelOf(sink, cejProjection), `youth:${youthId}`)
      const openBasis = mayOpenKind('allowance-basis') ? await basisOpener(env.vault, youthId, cej) : null
      if (opened.size > 0 && !timeline.erased)
        await recordOpening(env.accessLog, session, {
          at: new Date().toISOString(),
          youthId,
          missionLocaleId: timeline.missionLocaleId as MissionLocaleId,
          purpose: 'show',
          opened: [...opened].sort(),
        })
      if (o.json === true) {
        ctx.io.stdout.write(
          `${JSON.stringify({ youthId, missionLocaleId: timeline.missionLocaleId, erased: timeline.erased, identity, items }, null, 2)}\n`,
        )
        return
      }
      const who =
        identity === null ? 'no identity recorded' : timeline.erased ? 'personal data erased' : text(identity)
      ctx.io.stdout.write(`Journey ${youthId} — mission locale ${timeline.missionLocaleId} — ${who}\n`)
      for (const item of items) {
        const details = Object.entries(item.details)
          .filter(([, v]) => v !== null)
          .map(([k, v]) => `${k}=${text(v)}`)
          .join(' ')
        ctx.io.stdout.write(
          `  #${item.revision} ${item.on} ${item.type}${details === '' ? '' : ` ${details}`}\n`,
        )
      }
      if (cej !== undefined) ctx.io.stdout.write(cejSection(cej, o.at, openBasis))
    })
