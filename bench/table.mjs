// Prints bench/results/latest.json (or the file given) as the README's markdown table.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const file = process.argv[2] ?? join(import.meta.dirname, 'results', 'latest.json')
const { machine, scenarios } = JSON.parse(readFileSync(file, 'utf8'))
const n = (x) => (x === undefined ? '' : Math.round(x).toLocaleString('en'))
const lines = [
  '| scenario | size | Parcours | peak RSS (MB) | peer | peer | Parcours ÷ peer | load |',
  '| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |',
  ...scenarios.map(
    (s) =>
      `| ${s.name} | ${n(s.size)} | ${n(s.opsPerSec)} ${s.unit ?? 'ops/s'} | ${n(s.peakRssMB)} | ${s.peer ?? ''}${
        s.peerSqliteBusyRetries === undefined ? '' : ` (${s.peerSqliteBusyRetries} SQLITE_BUSY retried)`
      } | ${n(s.peerOpsPerSec)} | ${s.ratio ?? ''} | ${s.loadAverage ?? ''} |`,
  ),
]
const load = machine.loadAverage
process.stdout.write(
  `${lines.join('\n')}\n\nNode ${machine.node}, ${machine.cpus} × ${machine.cpu}, ${machine.memoryGB} GB${
    load === undefined
      ? ''
      : `; load average (1, 5, 15 min) ${load.start.join(', ')} at the start, ${load.end.join(', ')} at the end`
  }.\n`,
)
