import type { Either } from 'fp-ts/lib/Either.js'
import { isLeft, left, right } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import * as commands from '../model/commands.js'
import type { JourneyCommand } from '../model/commands.js'
import { reportErrors } from './reportErrors.js'

// ---------------------------------------------------------------------------------------------
// Decoding a command from untrusted input (CLI, HTTP, a queue).
// ---------------------------------------------------------------------------------------------

/** A command that does not match its schema, with one readable line per wrong field. */
export interface InvalidCommand {
  readonly _tag: 'InvalidCommand'
  readonly paths: ReadonlyArray<string>
}

const codecs = new Map<string, t.Mixed>(commands.JourneyCommand.types.map((c) => [c.name, t.exact(c)]))

/** Every command type. */
export const journeyCommandTypes: ReadonlyArray<JourneyCommand['type']> = commands.JourneyCommand.types.map(
  (c) => c.name as JourneyCommand['type'],
)

/** Validates unknown input as a journey command (unknown fields are dropped). */
export const decodeCommand = (u: unknown): Either<InvalidCommand, JourneyCommand> => {
  const type = typeof u === 'object' && u !== null ? (u as { type?: unknown }).type : undefined
  const codec = typeof type === 'string' ? codecs.get(type) : undefined
  if (codec === undefined)
    return left({
      _tag: 'InvalidCommand',
      paths: [
        `type: expected one of ${journeyCommandTypes.join(' | ')}, got ${JSON.stringify(type) ?? 'nothing'}`,
      ],
    })
  const decoded = codec.decode(u)
  return isLeft(decoded)
    ? left({ _tag: 'InvalidCommand', paths: reportErrors(decoded.left) })
    : right(decoded.right as JourneyCommand)
}
