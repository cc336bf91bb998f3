// ---------------------------------------------------------------------------------------------
// model: a message of the catalogue, its parameters, and an area (one file of messages)
// ---------------------------------------------------------------------------------------------

/** A message that depends on a count: the plural categories French and English use. */
export interface Plural {
  readonly one: string
  readonly other: string
}

/** A message: text with `{name}` placeholders, or plural forms (`{count}` is the selector). */
export type Message = string | Plural

/** An area of the catalogue in one language: message keys to messages. */
export type Area = { readonly [key: string]: Message }

/** The same area in another language: the same keys, each message of the same kind. */
export type Translation<A extends Area> = { readonly [K in keyof A]: A[K] extends Plural ? Plural : string }

/** The placeholders of a text: `'{n} sur {total}'` → `'n' | 'total'`. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never

/** The parameters a message needs (a plural always needs `count`). */
export type ParamsOf<M> = M extends Plural
  ? { readonly count: number } & { readonly [P in Placeholders<M['one'] | M['other']>]: string | number }
  : M extends string
    ? { readonly [P in Placeholders<M>]: string | number }
    : never

/** The placeholders of a message, at run time (for the test that both languages agree). */
export const placeholdersOf = (m: Message): ReadonlyArray<string> => {
  const texts = typeof m === 'string' ? [m] : [m.one, m.other]
  const names = texts.flatMap((t) => [...t.matchAll(/\{(\w+)\}/g)].map((x) => x[1] as string))
  return [...new Set(typeof m === 'string' ? names : [...names, 'count'])].sort()
}
