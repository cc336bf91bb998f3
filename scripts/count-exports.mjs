// Counts the exported symbols of every package entry point, from the built declaration files
// (`pnpm run build` first). Prints one JSON document: { "@parcours/x": { ".": n, "./testing": m } }.
import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'

const root = resolve(import.meta.dirname, '..')
const packages = readdirSync(join(root, 'packages'))
const entries = []
for (const dir of packages) {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'))
  for (const [subpath, target] of Object.entries(manifest.exports ?? {}))
    entries.push({ name: manifest.name, subpath, file: join(root, 'packages', dir, target.types) })
}
const program = ts.createProgram(
  entries.map((e) => e.file),
  { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true },
)
const checker = program.getTypeChecker()
const counts = {}
for (const { name, subpath, file } of entries) {
  const source = program.getSourceFile(file)
  if (source === undefined) throw new Error(`${file} not built: run pnpm run build`)
  const symbol = checker.getSymbolAtLocation(source)
  const n = symbol === undefined ? 0 : checker.getExportsOfModule(symbol).length
  ;(counts[name] ??= {})[subpath] = n
}
process.stdout.write(`${JSON.stringify(counts, null, 2)}\n`)
