import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

// ---------------------------------------------------------------------------------------------
// utils: chart.js's own browser bundle, read from node_modules so the report needs no network.
// ---------------------------------------------------------------------------------------------

let cached: string | undefined

/** The source of chart.js's UMD bundle, safe to inline in a `<script>` element. */
export const chartJsSource = (): string => {
  if (cached === undefined) {
    const require = createRequire(import.meta.url)
    const path = require.resolve('chart.js').replace(/chart\.c?js$/, 'chart.umd.js')
    cached = readFileSync(path, 'utf8').replace(/<\/script/gi, '<\\/script')
  }
  return cached
}
