import * as t from 'io-ts'

// ---------------------------------------------------------------------------------------------
// Readable validation failures: one line per wrong field, `path: expected Type, got value`.
// ---------------------------------------------------------------------------------------------

const show = (value: unknown): string => {
  if (value === undefined) return 'nothing'
  const json = JSON.stringify(value)
  if (json === undefined) return typeof value
  return json.length > 60 ? `${json.slice(0, 57)}...` : json
}

// A union's members add their index to the context; the path stops at the union, named whole.
const describeOne = (error: t.ValidationError): string => {
  const entries = error.context
  const path: string[] = []
  let last = entries[0]
  for (let i = 1; i < entries.length; i++) {
    const entry = entries[i]
    if (entry === undefined) break
    path.push(entry.key)
    last = entry
    if (entry.type instanceof t.UnionType) break
  }
  const where = path.filter((k) => k !== '').join('.') || '(root)'
  const expected = last?.type.name ?? 'a value'
  return `${where}: expected ${expected}, got ${show(last?.actual)}`
}

/** The failures of an io-ts validation as readable lines, one per wrong field. */
export const reportErrors = (errors: t.Errors): ReadonlyArray<string> => [...new Set(errors.map(describeOne))]
