// ---------------------------------------------------------------------------------------------
// utils: what the CLI echoes of its input never drives the terminal
// ---------------------------------------------------------------------------------------------

// Control characters (C0, DEL, C1), the bidirectional marks, embeddings, overrides and isolates,
// and the zero-width characters: each can make a terminal show something other than what was typed.
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u

const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu')

/** `\uXXXX` for one character. */
const escaped = (c: string): string => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`

/** The first control, bidirectional or zero-width character of a text, escaped (`\u202E`), if any. */
export const firstUnsafeCharacter = (
  text: string,
): { readonly escaped: string; readonly index: number } | undefined => {
  const m = UNSAFE.exec(text)
  return m === null ? undefined : { escaped: escaped(m[0]), index: m.index }
}

/** A message with every such character written as `\uXXXX`; line breaks are kept. */
export const escapeUnsafe = (text: string): string =>
  text.replace(UNSAFE_ALL, (c) => (c === '\n' ? c : escaped(c)))
