// ---------------------------------------------------------------------------------------------
// A readable line diff of two values, for test failure messages.
// ---------------------------------------------------------------------------------------------

/** Pretty JSON with bigint support, so any event or error can be shown. */
export const pretty = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v), 2) ?? String(value)

/** The lines of `expected` and `actual` as a unified diff: `-` expected only, `+` actual only. */
export const lineDiff = (expected: unknown, actual: unknown): string => {
  const a = pretty(expected).split('\n')
  const b = pretty(actual).split('\n')
  // Longest common subsequence table, from the end.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  const out: string[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(`  ${a[i]}`)
      i++
      j++
    } else if (i < a.length && (j >= b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push(`- ${a[i]}`)
      i++
    } else {
      out.push(`+ ${b[j]}`)
      j++
    }
  }
  return out.join('\n')
}
