import { isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import {
  actorRef,
  decideAccess,
  foldJourney,
  journeyStreamName,
  Sealed,
  type AccessDenied,
  type AccessLog,
  type AccessLogError,
  type AccessPolicy,
  type Actor,
  type EventStore,
  type JourneyEvent,
  type JourneyRef,
  type MissionLocaleId,
  type OpenedData,
  type RecordedAccess,
  type StoreError,
  type YouthId,
} from '@parcours/domain'
import type { PersonalFields } from '../vault/personalFields.js'
import type { Vault } from '../vault/vault.js'
import type { VaultError } from '../vault/vaultErrors.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** What answering a subject access request needs: who asks, under which policy, and the stores. */
export interface ExportSubjectDataInput {
  readonly store: EventStore<JourneyEvent>
  readonly vault: Vault
  readonly accessLog: AccessLog
  readonly actor: Actor
  readonly policy: AccessPolicy
  readonly youthId: YouthId
  /** The instant of the export (ISO 8601, UTC), from the caller's clock: recorded in the access log. */
  readonly at: string
}

/** A sealed value as the export shows it: its fields opened, `erased`, or `withheld` (not granted). */
export type OpenedValue = PersonalFields | 'erased' | 'withheld'

/** One stored event of the journey, every sealed field opened. */
export interface ExportedEvent {
  readonly revision: number
  readonly type: JourneyEvent['type']
  readonly fields: Readonly<Record<string, unknown>>
}

/** Everything held about one young person, decrypted: the answer to their access request (art. 15 GDPR). */
export interface SubjectDataExport {
  readonly parcoursSubjectAccess: 1
  readonly youthId: YouthId
  /** The mission locale holding the journey. */
  readonly missionLocaleId: MissionLocaleId
  readonly exportedAt: string
  /** The actor who answered the request, as its token. */
  readonly exportedBy: string
  readonly erased: boolean
  /** The identity sealed at registration, opened; null when none was recorded. */
  readonly identity: OpenedValue | null
  /** Every free-text comment of the journey, opened, with the event that carries it. */
  readonly comments: ReadonlyArray<{
    readonly revision: number
    readonly type: string
    readonly on: string
    readonly comment: OpenedValue
  }>
  /** Every event of the journey, in order, sealed fields opened. */
  readonly events: ReadonlyArray<ExportedEvent>
  /** Who opened their identity or comments, when and why (this export included). */
  readonly openings: ReadonlyArray<RecordedAccess>
}

/** Why a subject access export failed; nothing was exported. */
export type ExportSubjectDataError = AccessDenied | StoreError | VaultError | AccessLogError

// ---------------------------------------------------------------------------------------------
// the export
// ---------------------------------------------------------------------------------------------

/**
 * Exports everything held about one young person, decrypted, for their access request: the
 * access policy must grant `read-journey` for purpose `access-request` (a manager of the mission
 * locale holding the journey); every sealed value is opened first, then the opening is recorded
 * in the access log, and only then is the export returned. Any failure returns an error and
 * nothing (a journey that does not exist is denied like another mission locale's).
 * `const r = await exportSubjectData({...})()`.
 */
export const exportSubjectData =
  ({
    store,
    vault,
    accessLog,
    actor,
    policy,
    youthId,
    at,
  }: ExportSubjectDataInput): TaskEither<ExportSubjectDataError, SubjectDataExport> =>
  async () => {
    const read = await store.readStream(journeyStreamName(youthId))()
    if (isLeft(read)) return read
    const state = foldJourney(read.right.map((r) => r.event))
    const journey: JourneyRef =
      state.status === 'unregistered'
        ? { youthId, holder: null, counsellorId: null }
        : { youthId, holder: state.missionLocaleId, counsellorId: state.counsellorId }
    const request = { kind: 'read-journey', purpose: 'access-request', journey } as const
    const decision = decideAccess(policy, actor, request)
    if (isLeft(decision)) return decision
    // The policy denies a journey that does not exist; this keeps the export total all the same.
    const missionLocaleId = journey.holder
    if (missionLocaleId === null)
      return left<ExportSubjectDataError>({
        _tag: 'AccessDenied',
        actor,
        rule: 'OtherMissionLocale',
        request,
        reason: `journey ${youthId} does not exist`,
      })
    const grant = decision.right
    const opened = new Set<OpenedData>()
    const events: ExportedEvent[] = []
    const comments: Array<SubjectDataExport['comments'][number]> = []
    let identity: OpenedValue | null = null
    for (const recorded of read.right) {
      const fields: Record<string, unknown> = {}
      for (const [name, value] of Object.entries(recorded.event as unknown as Record<string, unknown>)) {
        if (name === 'type') continue
        if (!Sealed.is(value)) {
          fields[name] = value
          continue
        }
        const what: OpenedData =
          recorded.event.type === 'CejAllowanceSet'
            ? 'allowance-basis'
            : name === 'comment'
              ? 'comments'
              : 'identity'
        const granted =
          what === 'comments'
            ? grant.comments
            : what === 'identity'
              ? grant.identity
              : grant.identity && grant.comments
        if (!granted) {
          fields[name] = 'withheld'
          continue
        }
        const o = await vault.open(value, youthId)()
        if (isLeft(o)) return o
        const shown: OpenedValue = o.right._tag === 'Erased' ? 'erased' : o.right.fields
        fields[name] = shown
        opened.add(what)
        const identityEvent =
          recorded.event.type === 'YouthRegistered' || recorded.event.type === 'IdentityRectified'
        if (name === 'personalData' && identityEvent) identity = shown
        if (what === 'comments')
          comments.push({
            revision: Number(recorded.revision),
            type: recorded.event.type,
            on: recorded.event.on,
            comment: shown,
          })
      }
      events.push({ revision: Number(recorded.revision), type: recorded.event.type, fields })
    }
    const erased = state.status !== 'unregistered' && state.personalDataErased
    if (opened.size > 0 && !erased) {
      const entry = await accessLog.record({
        at,
        actor: actorRef(actor),
        youthId,
        missionLocaleId,
        purpose: 'access-request',
        opened: [...opened].sort(),
      })()
      if (isLeft(entry)) return entry
    }
    // Their journey may have moved between mission locales: each one's log holds some of its openings.
    const holders = [...new Set(read.right.map((r) => r.event.missionLocaleId))]
    const openings: RecordedAccess[] = []
    for (const holder of holders) {
      const listed = await accessLog.list({ missionLocaleId: holder })()
      if (isLeft(listed)) return listed
      openings.push(...listed.right.filter((e) => e.youthId === youthId))
    }
    openings.sort((a, b) => a.sequence - b.sequence)
    return right({
      parcoursSubjectAccess: 1,
      youthId,
      missionLocaleId,
      exportedAt: at,
      exportedBy: actorRef(actor),
      erased,
      identity,
      comments,
      events,
      openings,
    })
  }
