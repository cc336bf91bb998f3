import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { JourneyCommand, type JourneyCommandType } from '../model/commands.js'
import { CounsellorId, MissionLocaleId } from '../model/ids.js'

// ---------------------------------------------------------------------------------------------
// model: who is asking. Every command and query runs on behalf of one actor.
// ---------------------------------------------------------------------------------------------

/** Every journey command type, as a codec (a convention lists the commands a partner may send). */
export const JourneyCommandTypeCodec = t.keyof(
  Object.fromEntries(JourneyCommand.types.map((c) => [c.name, null])) as Record<JourneyCommandType, null>,
  'JourneyCommandType',
)

const actorId = t.brand(
  t.string,
  (s): s is t.Branded<string, { readonly ActorId: unique symbol }> =>
    s.length > 0 && s.length <= 100 && !/[\s@:]/.test(s),
  'ActorId',
)
/** Pseudonymous id of a person or system acting (no whitespace, `@` or `:`). */
export const ActorId = actorId
export type ActorId = t.TypeOf<typeof ActorId>

/** A counsellor (conseiller) of one mission locale: acts on and reads its journeys. */
export const CounsellorActor = t.type(
  { kind: t.literal('counsellor'), id: CounsellorId, missionLocaleId: MissionLocaleId },
  'CounsellorActor',
)
export type CounsellorActor = t.TypeOf<typeof CounsellorActor>

/** A mission locale's manager: reads its journeys with identities, assigns, transfers, erases. */
export const ManagerActor = t.type(
  { kind: t.literal('manager'), id: ActorId, missionLocaleId: MissionLocaleId },
  'ManagerActor',
)
export type ManagerActor = t.TypeOf<typeof ManagerActor>

/** A national statistician: pseudonymous aggregates only, never an identity, a comment or a journey. */
export const StatisticianActor = t.type({ kind: t.literal('statistician'), id: ActorId }, 'StatisticianActor')
export type StatisticianActor = t.TypeOf<typeof StatisticianActor>

/**
 * What a partner's convention allows (décret 2015-59): the mission locales it works with, whether
 * it may read their journeys' facts and identities, their aggregates, and which commands it may
 * send. There is no field for comments: a free-text comment never goes to a partner.
 */
export const PartnerConvention = t.type(
  {
    conventionId: ActorId,
    missionLocaleIds: t.readonlyArray(MissionLocaleId),
    journeyFacts: t.boolean,
    identity: t.boolean,
    aggregates: t.boolean,
    commands: t.readonlyArray(JourneyCommandTypeCodec),
  },
  'PartnerConvention',
)
export type PartnerConvention = t.TypeOf<typeof PartnerConvention>

/** A partner system (France Travail, a training body…), bound by its convention. */
export const PartnerActor = t.type(
  { kind: t.literal('partner'), id: ActorId, convention: PartnerConvention },
  'PartnerActor',
)
export type PartnerActor = t.TypeOf<typeof PartnerActor>

/** An operator: runs the clock, retention and the read-model workers; reads no journey. */
export const OperatorActor = t.type({ kind: t.literal('operator'), id: ActorId }, 'OperatorActor')
export type OperatorActor = t.TypeOf<typeof OperatorActor>

/** Anyone a command or query runs on behalf of. */
export const Actor = t.union(
  [CounsellorActor, ManagerActor, StatisticianActor, PartnerActor, OperatorActor],
  'Actor',
)
export type Actor = t.TypeOf<typeof Actor>
/** The kinds of actor. */
export type ActorKind = Actor['kind']
/** Every actor kind, in the order the access matrix lists them. */
export const ACTOR_KINDS: ReadonlyArray<ActorKind> = [
  'counsellor',
  'manager',
  'statistician',
  'partner',
  'operator',
]

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

/**
 * An actor in one token: `counsellor:c-1@ml-a`, `manager:m-1@ml-a`, `statistician:s-1`,
 * `operator:o-1`, `partner:p-1` (the same form `parseActorRef` reads, partners aside).
 */
export const actorRef = (actor: Actor): string => {
  switch (actor.kind) {
    case 'counsellor':
    case 'manager':
      return `${actor.kind}:${actor.id}@${actor.missionLocaleId}`
    case 'statistician':
    case 'partner':
    case 'operator':
      return `${actor.kind}:${actor.id}`
  }
}

/** Why an actor token was not understood. */
export interface InvalidActorRef {
  readonly _tag: 'InvalidActorRef'
  readonly value: string
  readonly reason: string
}

/** The mission locale an actor belongs to, if it belongs to one. */
export const missionLocaleOf = (actor: Actor): MissionLocaleId | undefined =>
  actor.kind === 'counsellor' || actor.kind === 'manager' ? actor.missionLocaleId : undefined

const REF = /^(counsellor|manager|statistician|operator|partner):([^\s@:]+)(?:@([^\s@:]+))?$/

/**
 * Reads an actor token (`counsellor:c-1@ml-a`, `manager:m-1@ml-a`, `statistician:s-1`,
 * `operator:o-1`). A partner is described by its convention, so it cannot be given as a token.
 */
export const parseActorRef = (value: string): Either<InvalidActorRef, Actor> => {
  const invalid = (reason: string) => left<InvalidActorRef, Actor>({ _tag: 'InvalidActorRef', value, reason })
  const m = REF.exec(value)
  if (m === null)
    return invalid(
      'expected counsellor:ID@MISSION_LOCALE, manager:ID@MISSION_LOCALE, statistician:ID or operator:ID',
    )
  const [, kind, id, ml] = m
  if (kind === 'partner')
    return invalid('a partner acts under its convention: describe it in the configuration file')
  const scoped = kind === 'counsellor' || kind === 'manager'
  if (scoped && ml === undefined) return invalid(`a ${kind} belongs to a mission locale: ${kind}:${id}@ML`)
  if (!scoped && ml !== undefined) return invalid(`a ${kind} belongs to no mission locale: ${kind}:${id}`)
  const decoded = Actor.decode(scoped ? { kind, id, missionLocaleId: ml } : { kind, id })
  return isLeft(decoded) ? invalid('an id is 1 to 100 characters without spaces') : right(decoded.right)
}
