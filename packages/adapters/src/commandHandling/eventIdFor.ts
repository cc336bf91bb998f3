import { hash } from 'node:crypto'

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/** The fixed UUID namespace of Parcours event ids: never change it, or retries stop being idempotent. */
const PARCOURS_EVENT_ID_NAMESPACE = '6f1d7f0e-3b7a-5c53-9a54-2f0c8e1d4b21'
const NAMESPACE_BYTES = Buffer.from(PARCOURS_EVENT_ID_NAMESPACE.replaceAll('-', ''), 'hex')

/** The namespace then the name, hashed together: names up to NAME_ROOM bytes are written in place. */
const NAME_ROOM = 1024
const scratch = Buffer.alloc(NAMESPACE_BYTES.length + NAME_ROOM)
NAMESPACE_BYTES.copy(scratch)

const HEX = '0123456789abcdef'

/**
 * The id of the `index`-th event a command produces: the same command always yields the same ids.
 * A UUID v5 (RFC 9562: SHA-1 of the namespace and the name `<commandId>/<index>`), hashed by
 * node:crypto in one call, its version and variant set on the hex digits.
 */
export const eventIdFor = (commandId: string, index: number): string => {
  const name = `${commandId}/${index}`
  // At most three UTF-8 bytes per UTF-16 unit: a name that might not fit is joined in a new buffer.
  const input =
    name.length * 3 <= NAME_ROOM
      ? scratch.subarray(0, NAMESPACE_BYTES.length + scratch.write(name, NAMESPACE_BYTES.length, 'utf8'))
      : Buffer.concat([NAMESPACE_BYTES, Buffer.from(name, 'utf8')])
  const hex = hash('sha1', input, 'hex')
  // Version 5 in the 13th digit; the variant (binary 10) in the top bits of the 17th.
  const variant = HEX[(Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8] as string
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/**
 * A 32-bit digest of an event id (FNV-1a over its UTF-16 code units, as a signed integer): what a
 * command handler keeps of the ids of a stream's events, and what its state snapshots hold
 * (`StateSnapshot.idDigests`). Two ids may share a digest; a handler that finds a command's
 * first id among a stream's digests reads the stream to find its events by their ids.
 */
export const eventIdDigest = (id: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193)
  return h | 0
}
