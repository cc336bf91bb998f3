import { randomUUID } from 'node:crypto'
import { isLeft } from 'fp-ts/lib/Either.js'
import type { PersonalFields } from '@parcours/adapters'
import { decodeCommand, type JourneyCommand } from '@parcours/domain'
import type { RunContext, WithGlobals } from '../../cli/context.js'
import { refusedError, usageError } from '../../cli/errors.js'
import { authorizeCommand } from '../../store/access.js'
import { journeyFailure } from '../../store/errors.js'
import type { StoreEnv } from '../../store/openStore.js'
import type { JourneyOptions } from './journeyOptions.js'

// ---------------------------------------------------------------------------------------------
// the one path of every journey command: parse, handle (the handler checks, seals, records), print
// ---------------------------------------------------------------------------------------------

type Body = Record<string, unknown> & { readonly type: JourneyCommand['type'] }

const decode = (u: unknown): JourneyCommand => {
  const decoded = decodeCommand(u)
  if (isLeft(decoded)) throw usageError(`invalid command: ${decoded.left.paths.join('; ')}`)
  return decoded.right
}

// Erasure is for good: no new personal data is recorded for that person (exit 1, naming why).
const erasedRefusal = (youthId: string, command: JourneyCommand) => {
  const comment = command.type !== 'RegisterYouth'
  return refusedError(
    `refused by rule PersonalDataErased: the personal data of ${youthId} was erased; no new ${comment ? 'comment' : 'identity'} can be recorded for them${comment ? ' (send it without --comment)' : ''}.`,
  )
}

// What a command creates, named by the events that start it, and the field that holds its id.
const creations: Readonly<Record<string, readonly [kind: string, field: string]>> = {
  YouthRegistered: ['journey', 'youthId'],
  RequestRecorded: ['request', 'requestId'],
  ProgrammeEntered: ['programme', 'programme'],
  PaceaPhaseStarted: ['phase', 'phaseId'],
  ProposalOffered: ['proposal', 'proposalId'],
  TrainingStarted: ['training', 'trainingId'],
  EmploymentStarted: ['employment', 'employmentId'],
  SituationStarted: ['situation', 'situationId'],
  FollowUpScheduled: ['follow-up', 'followUpId'],
  ActivityDeclared: ['activity', 'activityId'],
  CejBreachRecorded: ['breach', 'breachId'],
}

/** Something a journey command created, with the id the next commands name it by. */
export interface Created {
  readonly kind: string
  readonly id: string
}

/**
 * What the events of a command created (a re-sent command: what it created the first time): the
 * ids come from the events recorded, never from what this run would have generated.
 */
export const createdBy = (
  youthId: string,
  events: ReadonlyArray<{ readonly type: string } & Readonly<Record<string, unknown>>>,
): ReadonlyArray<Created> =>
  events.flatMap((event) => {
    const creation = creations[event.type]
    if (creation === undefined) return []
    const [kind, field] = creation
    const id = field === 'youthId' ? youthId : event[field]
    return typeof id === 'string' ? [{ kind, id }] : []
  })

/**
 * Sends one journey command: the handler checks it against the rules, seals `personal` through
 * the vault once they accept it, and records it (idempotent under its command id); then prints
 * what was written. `body` holds the command's own fields, with `null` where personal data goes.
 */
export const sendJourneyCommand = async (
  ctx: RunContext,
  cmd: WithGlobals,
  options: JourneyOptions,
  body: Body,
  personal?: PersonalFields,
  /** What follows once the command is recorded (e.g. closing the outreach case it came from); its lines are printed after the command's. */
  recorded?: (env: StoreEnv) => Promise<ReadonlyArray<string>>,
): Promise<void> => {
  const session = ctx.session(cmd)
  const command = decode({
    ...body,
    youthId: options.youth,
    missionLocaleId: options.missionLocale,
    on: options.on,
  })
  // Only a registration may create the key store; any other command needs the one holding the keys.
  const env = await ctx.openStore(cmd, { createKeyStore: command.type === 'RegisterYouth' })
  // Access first: a denied actor learns nothing of the journey's rules or state.
  await authorizeCommand(session, env, command)
  const commandId = options.commandId ?? `cli-${randomUUID()}`
  const handled = await env.handle({ commandId, command, ...(personal === undefined ? {} : { personal }) })()
  if (isLeft(handled))
    throw handled.left._tag === 'KeyErased'
      ? erasedRefusal(handled.left.youthId, command)
      : journeyFailure(handled.left)
  const result = handled.right
  env.logger.info(
    { commandId, type: command.type, youthId: command.youthId, events: result.events.length },
    'command handled',
  )
  const after = recorded === undefined ? [] : await recorded(env)
  const events = result.events.map((e) => ({ revision: Number(e.revision), type: e.event.type }))
  const created = createdBy(
    command.youthId,
    result.events.map((e) => e.event as unknown as { readonly type: string } & Record<string, unknown>),
  )
  if (options.json === true) {
    ctx.io.stdout.write(
      `${JSON.stringify({ commandId, youthId: command.youthId, streamName: result.streamName, replayed: result.replayed, events, created }, null, 2)}\n`,
    )
    return
  }
  const what = result.replayed
    ? 'already handled: nothing new written'
    : events.length === 0
      ? 'nothing to record'
      : events.map((e) => `${e.type}@${e.revision}`).join(', ')
  ctx.io.stdout.write(`${command.type} ${command.youthId} (command ${commandId}): ${what}\n`)
  for (const c of created) ctx.io.stdout.write(`created ${c.kind} ${c.id}\n`)
  for (const line of after) ctx.io.stdout.write(`${line}\n`)
}

/** The comment to seal, when one was given. */
export const commentToSeal = (comment: string | undefined): PersonalFields | undefined =>
  comment === undefined ? undefined : { comment }
