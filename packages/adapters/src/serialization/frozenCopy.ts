// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

const isPlain = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * A deeply frozen copy of a decoded value: plain objects and arrays are copied then frozen, so the
 * value a store hands back shares nothing with what its caller passed in and cannot be changed by
 * anyone. Other objects (a `Date` a codec decoded) are frozen as they are.
 */
export const frozenCopy = <A>(value: A): A => {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as A
  if (!isPlain(value)) return Object.freeze(value)
  const out: Record<string, unknown> = {}
  for (const key in value) out[key] = frozenCopy((value as Record<string, unknown>)[key])
  return Object.freeze(out) as A
}
