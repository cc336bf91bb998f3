import type { SharedPb } from './protocol.js'

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

/** The lowercase string form of a UUID message, whether it travels as a string or as two int64. */
export const uuidOf = (uuid: SharedPb.UUID | undefined): string => {
  if (uuid === undefined) return ''
  const structured = uuid.getStructured()
  if (structured === undefined) return uuid.getString().toLowerCase()
  const bytes = Buffer.alloc(16)
  bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0)
  bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8)
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
