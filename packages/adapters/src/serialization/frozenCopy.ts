// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

const isPlain = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * The string, flat. A string built by concatenation (a uuid, a template literal) may be a rope of
 * pieces in V8: about 490 bytes for a uuid where its characters take 36. Reading a character
 * flattens it in place, and the garbage collector then drops the pieces, so a store that keeps
 * the string keeps its characters only. The value is unchanged.
 */
export const flatString = (value: string): string => {
  void value.charCodeAt(0)
  return value
}

/**
 * A deeply frozen copy of a decoded value: plain objects and arrays are copied then frozen, so the
 * value a store hands back shares nothing with what its caller passed in and cannot be changed by
 * anyone; its strings are flattened (see `flatString`). Other objects (a `Date` a codec decoded)
 * are frozen as they are.
 */
export const frozenCopy = <A>(value: A): A => {
  if (typeof value === 'string') return flatString(value) as A
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as A
  if (!isPlain(value)) return Object.freeze(value)
  const out: Record<string, unknown> = {}
  for (const key in value) out[key] = frozenCopy((value as Record<string, unknown>)[key])
  return Object.freeze(out) as A
}
