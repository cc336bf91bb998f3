import { randomUUID } from 'node:crypto'
import type { Command } from 'commander'
import { isLeft } from 'fp-ts/lib/Either.js'
import type { PersonalFields } from '@parcours/adapters'
import {
  ageLimitsOf,
  decodeCommand,
  journeyDecider,
  type JourneyCommand,
  type KeyId,
  type Sealed,
  type YouthId,
} from '@parcours/domain'
import type { RunContext } from '../../cli/context.js'
import { refusedError, usageError } from '../../cli/errors.js'
import { journeyState, withOpenedAgeLimits } from '../../store/ageLimits.js'
import { vaultFailure } from '../../store/errors.js'
import { handleOrFail, journeyHandler, precheck } from '../../store/journeyHandler.js'
import type { StoreEnv } from '../../store/openStore.js'
import type { JourneyOptions } from './journeyOptions.js'

// ---------------------------------------------------------------------------------------------
// the one path of every journey command: check, seal, handle, print
// ---------------------------------------------------------------------------------------------

type Body = Record<string, unknown> & { readonly type: JourneyCommand['type'] }

/** Personal fields to seal, and the field of the command that carries them. */
export interface ToSeal {
  readonly field: 'personalData' | 'comment'
  readonly fields: PersonalFields
}

// Stands in for sealed data while the rules are checked, so that a refused command seals nothing.
const PLACEHOLDER: Sealed = { keyId: 'precheck' as KeyId, alg: 'A256GCM', iv: '', ciphertext: '', tag: '' }

const decode = (u: unknown): JourneyCommand => {
  const decoded = decodeCommand(u)
  if (isLeft(decoded)) throw usageError(`invalid command: ${decoded.left.paths.join('; ')}`)
  return decoded.right
}

// Erasure is for good: no new personal data is recorded for that person (exit 1, naming why).
const erasedRefusal = (youthId: string, field: ToSeal['field']) =>
  refusedError(
    `refused by rule PersonalDataErased: the personal data of ${youthId} was erased; no new ${field === 'comment' ? 'comment' : 'identity'} can be recorded for them${field === 'comment' ? ' (send it without --comment)' : ''}.`,
  )

const draftOf = (base: { readonly youthId: string }) => ({ youthId: base.youthId as YouthId })

const sealOrFail = async (
  env: Pick<StoreEnv, 'vault'>,
  youthId: YouthId,
  fields: PersonalFields,
  field: ToSeal['field'],
): Promise<Sealed> => {
  const sealed = await env.vault.seal(youthId, fields)()
  if (isLeft(sealed))
    throw sealed.left._tag === 'KeyErased'
      ? erasedRefusal(sealed.left.youthId, field)
      : vaultFailure(sealed.left)
  return sealed.right
}

/**
 * Sends one journey command: checks it against the rules, seals its personal data through the
 * vault, handles it (idempotent under its command id), and prints what was written.
 */
export const sendJourneyCommand = async (
  ctx: RunContext,
  cmd: Command,
  options: JourneyOptions,
  body: Body,
  toSeal?: ToSeal,
): Promise<void> => {
  const base = { ...body, youthId: options.youth, missionLocaleId: options.missionLocale, on: options.on }
  const registering = body.type === 'RegisterYouth'
  const placeholders = {
    ...(toSeal === undefined ? {} : { [toSeal.field]: PLACEHOLDER }),
    ...(registering ? { sealedAgeLimits: PLACEHOLDER } : {}),
  }
  const env = await ctx.openStore(cmd)
  // The time rules need the journey's age limits: they are sealed, the shell opens them.
  const opened = registering
    ? decode({ ...base, ...placeholders })
    : await withOpenedAgeLimits(
        env,
        await journeyState(env, draftOf(base)),
        decode({ ...base, ...placeholders }),
      )
  const withLimits = opened.ageLimits === undefined ? base : { ...base, ageLimits: opened.ageLimits }
  const commandId = options.commandId ?? `cli-${randomUUID()}`
  // A retry seals nothing: the handler answers it with the events of the first run, whatever the key's fate since.
  const handled = await precheck(env, commandId, opened)
  let command = opened
  if ((toSeal !== undefined || registering) && handled === 'new') {
    const youthId = options.youth as YouthId
    const field = toSeal?.field ?? 'personalData'
    const sealedField =
      toSeal === undefined ? {} : { [toSeal.field]: await sealOrFail(env, youthId, toSeal.fields, field) }
    const sealedLimits =
      opened.type === 'RegisterYouth'
        ? {
            sealedAgeLimits: await sealOrFail(
              env,
              youthId,
              ageLimitsOf(opened.birthDate, opened.rqth, journeyDecider.policy),
              field,
            ),
          }
        : {}
    command = decode({ ...withLimits, ...sealedField, ...sealedLimits })
  }
  const result = await handleOrFail(journeyHandler(env), commandId, command)
  env.logger.info(
    { commandId, type: command.type, youthId: command.youthId, events: result.events.length },
    'command handled',
  )
  const events = result.events.map((e) => ({ revision: Number(e.revision), type: e.event.type }))
  if (options.json === true) {
    ctx.io.stdout.write(
      `${JSON.stringify({ commandId, streamName: result.streamName, replayed: result.replayed, events }, null, 2)}\n`,
    )
    return
  }
  const what = result.replayed
    ? 'already handled: nothing new written'
    : events.length === 0
      ? 'nothing to record'
      : events.map((e) => `${e.type}@${e.revision}`).join(', ')
  ctx.io.stdout.write(`${command.type} ${command.youthId} (command ${commandId}): ${what}\n`)
}

/** The comment to seal, when one was given. */
export const commentToSeal = (comment: string | undefined): ToSeal | undefined =>
  comment === undefined ? undefined : { field: 'comment', fields: { comment } }
