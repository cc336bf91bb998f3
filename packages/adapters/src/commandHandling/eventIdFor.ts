import { createHash } from 'node:crypto'

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/** The fixed UUID namespace of Parcours event ids: never change it, or retries stop being idempotent. */
const PARCOURS_EVENT_ID_NAMESPACE = '6f1d7f0e-3b7a-5c53-9a54-2f0c8e1d4b21'
const NAMESPACE_BYTES = Buffer.from(PARCOURS_EVENT_ID_NAMESPACE.replaceAll('-', ''), 'hex')

/**
 * The id of the `index`-th event a command produces: the same command always yields the same ids.
 * A UUID v5 (RFC 9562: SHA-1 of the namespace and the name `<commandId>/<index>`), computed with
 * node:crypto in one pass.
 */
export const eventIdFor = (commandId: string, index: number): string => {
  const hash = createHash('sha1').update(NAMESPACE_BYTES).update(`${commandId}/${index}`, 'utf8').digest()
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80
  const hex = hash.toString('hex', 0, 16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}
