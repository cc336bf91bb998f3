import type { Context } from 'hono'
import { invalidInput } from './problem.js'

// ---------------------------------------------------------------------------------------------
// utils: query parameters read through the CLI's own parsers; a bad one is a 400 naming it
// ---------------------------------------------------------------------------------------------

/** A query parameter parsed by `parse` (one of cli/parse's); undefined when absent. */
export const queryParam = <A>(c: Context, name: string, parse: (s: string) => A): A | undefined => {
  const raw = c.req.query(name)
  if (raw === undefined || raw === '') return undefined
  try {
    return parse(raw)
  } catch (e) {
    throw invalidInput(name, `${name}: ${(e as Error).message}`)
  }
}

/** The JSON body of a request, or a 400 when it is not JSON. */
export const jsonBody = async (c: Context): Promise<unknown> => {
  if (!(c.req.header('Content-Type') ?? '').startsWith('application/json'))
    throw invalidInput('(body)', 'the body must be JSON (Content-Type: application/json)')
  try {
    return await c.req.json()
  } catch {
    throw invalidInput('(body)', 'the body is not valid JSON')
  }
}
