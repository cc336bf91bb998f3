// POST /commands: a journey command in JSON, its command id (a retry with the same id writes
// nothing new) and the personal fields beside it, which the handler seals in the vault once the
// journey's rules accepted the command. The access policy is asked before anything else.

import { isLeft } from 'fp-ts/lib/Either.js'
import { eventIdFor, PersonalFields } from '@parcours/adapters'
import {
  decideAccess,
  decodeCommand,
  describeJourneyError,
  type Actor,
  type JourneyCommand,
} from '@parcours/domain'
import { readJourneyStream } from './journeyStream.js'
import type { Parcours } from './openParcours.js'
import { accessDenied, internalError, invalidInput, ProblemError, unavailable } from './problems.js'

/** What a handled command answers (201 when it wrote, 200 when it had been handled before). */
export interface CommandAnswer {
  readonly commandId: string
  readonly youthId: string
  readonly replayed: boolean
  /** The revision of the command's last event: the journey's revision after it, when just written. */
  readonly revision: number
  readonly events: ReadonlyArray<{ readonly revision: number; readonly type: string }>
}

const isObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

// A client sends personal fields in clear beside the command, never sealed values inside it.
const SEALED_FIELDS = { personalData: null, comment: null } as const

/** Decodes the body of POST /commands; each wrong part is a 400 naming its field. */
export const decodeCommandBody = (
  body: unknown,
): {
  readonly commandId: string
  readonly command: JourneyCommand
  readonly personal: PersonalFields | undefined
  readonly expectedRevision: number | undefined
} => {
  if (!isObject(body))
    throw invalidInput(
      '(body)',
      'the body must be an object { commandId, command, personal?, expectedRevision? }',
    )
  const { commandId, command, personal, expectedRevision } = body
  if (typeof commandId !== 'string' || !/^\S{1,100}$/.test(commandId))
    throw invalidInput(
      'commandId',
      'commandId: required, 1 to 100 characters without spaces (send the same one to retry)',
    )
  if (!isObject(command))
    throw invalidInput('command', 'command: expected an object with the command’s type and fields')
  const { sealedAgeLimits: _opened, ...fields } = command
  const decoded = decodeCommand({ ...fields, ...SEALED_FIELDS })
  if (isLeft(decoded)) {
    const path = decoded.left.paths[0] ?? '(root): not a command'
    throw invalidInput(`command.${path.slice(0, path.indexOf(':')).trim() || 'type'}`, `command.${path}`)
  }
  let fieldsToSeal: PersonalFields | undefined
  if (personal !== undefined) {
    const p = PersonalFields.decode(personal)
    if (isLeft(p))
      throw invalidInput(
        'personal',
        'personal: expected an object of text fields (firstName, lastName, email, comment…)',
      )
    fieldsToSeal = Object.keys(p.right).length === 0 ? undefined : p.right
  }
  // The birth date checks eligibility in the command; the identity keeps it, sealed.
  if (decoded.right.type === 'RegisterYouth')
    fieldsToSeal = { ...fieldsToSeal, birthDate: decoded.right.birthDate }
  if (
    expectedRevision !== undefined &&
    !(Number.isSafeInteger(expectedRevision) && (expectedRevision as number) >= -1)
  )
    throw invalidInput(
      'expectedRevision',
      'expectedRevision: an integer, -1 for a journey not registered yet',
    )
  return {
    commandId,
    command: decoded.right,
    personal: fieldsToSeal,
    expectedRevision: expectedRevision as number | undefined,
  }
}

/**
 * Runs commands to one journey one after the other (in this process), so that an expected
 * revision checked here is still the journey's revision when the handler appends.
 */
const createQueues = () => {
  const queues = new Map<string, Promise<unknown>>()
  return <A>(key: string, work: () => Promise<A>): Promise<A> => {
    const run = (queues.get(key) ?? Promise.resolve()).then(work, work)
    const tail = run.then(
      () => undefined,
      () => undefined,
    )
    queues.set(key, tail)
    void tail.then(() => {
      if (queues.get(key) === tail) queues.delete(key)
    })
    return run
  }
}

/** The handler of POST /commands on `p`: runs one command on behalf of `actor`; every refusal is thrown as its problem. */
export const createPostCommand = (p: Parcours) => {
  const oneAtATime = createQueues()
  return (actor: Actor, body: unknown): Promise<CommandAnswer> => post(p, oneAtATime, actor, body)
}

const post = (
  p: Parcours,
  oneAtATime: ReturnType<typeof createQueues>,
  actor: Actor,
  body: unknown,
): Promise<CommandAnswer> => {
  const input = decodeCommandBody(body)
  const { command, commandId } = input
  return oneAtATime(command.youthId, async () => {
    const stream = await readJourneyStream(p, command.youthId)
    // A registration's counsellor is the one it assigns: the policy checks it is the actor's.
    const journey =
      stream.ref.holder === null && command.type === 'RegisterYouth'
        ? { ...stream.ref, counsellorId: command.counsellorId }
        : stream.ref
    const decision = decideAccess(p.policy, actor, {
      kind: 'journey-command',
      command: command.type,
      missionLocaleId: command.missionLocaleId,
      journey,
    })
    if (isLeft(decision)) throw accessDenied(decision.left)
    const firstEventId = eventIdFor(commandId, 0)
    const resent = stream.events.some((e) => e.id === firstEventId)
    if (!resent && input.expectedRevision !== undefined && input.expectedRevision !== stream.revision)
      throw new ProblemError({
        status: 409,
        error: 'WrongExpectedRevision',
        expectedRevision: input.expectedRevision,
        actualRevision: stream.revision,
        message: `journey ${command.youthId} is at revision ${stream.revision}, not ${input.expectedRevision}: read it again, then decide`,
      })
    const handled = await p.handle({
      commandId,
      command,
      ...(input.personal ? { personal: input.personal } : {}),
    })()
    if (isLeft(handled)) {
      const e = handled.left
      switch (e._tag) {
        case 'Rejected':
          throw new ProblemError({
            status: 422,
            error: 'RuleRefused',
            rule: e.error._tag,
            message: describeJourneyError(e.error),
          })
        case 'KeyErased':
          throw new ProblemError({
            status: 422,
            error: 'RuleRefused',
            rule: 'PersonalDataErased',
            message: `the personal data of ${command.youthId} was erased: no new personal data can be recorded for them`,
          })
        case 'NothingToSeal':
          throw invalidInput('personal', `personal: ${e.commandType} carries no personal data`)
        case 'ConcurrencyConflict':
          throw new ProblemError({
            status: 409,
            error: 'Conflict',
            message: `journey ${command.youthId} kept changing under the command; nothing was written: send it again with the same commandId`,
          })
        default:
          p.logger.error({ tag: e._tag, commandId, youthId: command.youthId }, 'command failed')
          if (e._tag === 'StoreUnavailable' || e._tag === 'KeyStoreUnavailable') throw unavailable()
          throw new ProblemError(internalError)
      }
    }
    const r = handled.right
    p.logger.info(
      { commandId, type: command.type, youthId: command.youthId, replayed: r.replayed },
      'command handled',
    )
    return {
      commandId,
      youthId: command.youthId,
      replayed: r.replayed,
      revision: Number(r.nextExpectedRevision),
      events: r.events.map((w) => ({ revision: Number(w.revision), type: w.event.type })),
    }
  })
}
