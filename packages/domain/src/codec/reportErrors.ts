import * as t from 'io-ts'

// ---------------------------------------------------------------------------------------------
// Readable validation failures: one line per wrong field, `path: expected Type, got a string…`.
// The value itself is never quoted: a stored payload may hold personal data, and these lines end
// up in logs and in `parcours verify`. Its kind and size are enough to see what went wrong.
// ---------------------------------------------------------------------------------------------

const show = (value: unknown): string => {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (typeof value === 'string')
    return value.length === 0 ? 'an empty string' : `a string of ${value.length} characters`
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}

const isIntersection = (type: t.Decoder<unknown, unknown> | undefined): boolean =>
  type instanceof t.IntersectionType || (type instanceof t.ExactType && isIntersection(type.type as t.Mixed))

// A union's members add their index to the context; the path stops at the union, named whole.
// An intersection's members do too, and the path goes on through them.
const describeOne = (error: t.ValidationError): string => {
  const entries = error.context
  const path: string[] = []
  let last = entries[0]
  for (let i = 1; i < entries.length; i++) {
    const entry = entries[i]
    if (entry === undefined) break
    // An intersection's members add their index too: it names no field.
    if (!isIntersection(entries[i - 1]?.type)) path.push(entry.key)
    last = entry
    if (entry.type instanceof t.UnionType) break
  }
  const where = path.filter((k) => k !== '').join('.') || '(root)'
  const expected = last?.type.name ?? 'a value'
  return `${where}: expected ${expected}, got ${show(last?.actual)}`
}

/** The failures of an io-ts validation as readable lines, one per wrong field. */
export const reportErrors = (errors: t.Errors): ReadonlyArray<string> => [...new Set(errors.map(describeOne))]
