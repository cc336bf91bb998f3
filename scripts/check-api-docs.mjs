// Checks the documentation of every package's public entry points (the `exports` of each
// packages/*/package.json, read from their TypeScript sources):
// - every exported symbol has a doc comment (`/** ... */` on its declaration);
// - every `@example` in those comments compiles: each is type-checked as a module of its own,
//   placed in its package and importing the packages by name (strict, as the packages are);
// - the main exports (MUST_HAVE_EXAMPLE) have an `@example`.
// Exits 1 with one line per problem, naming the file, the line and the export.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'

/** The exports whose comment must carry an `@example`, by entry point. */
export const MUST_HAVE_EXAMPLE = {
  '@parcours/domain': [
    'journeyDecider',
    'decideJourney',
    'evolveJourney',
    'foldJourney',
    'decideAccess',
    'createPrng',
  ],
  '@parcours/adapters': [
    'getInMemoryEventStore',
    'getSqliteEventStore',
    'getEventStoreDBEventStore',
    'createCommandHandler',
    'createJourneyCommandHandler',
    'createVault',
  ],
  '@parcours/adapters/kit': ['resolveAppend', 'tryDriver'],
  '@parcours/adapters/testing': ['describeEventStoreConformance'],
  '@parcours/projections': ['createProjectionRunner', 'queryDashboard', 'queryWorklist'],
  '@parcours/cli': ['run'],
}

const sourceOf = (packageDir, typesPath) =>
  join(packageDir, typesPath.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts'))

/** The public entry points of the packages under `root`/packages, with their source files. */
export const entryPoints = (root) =>
  readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const dir = join(root, 'packages', d.name)
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      return Object.entries(manifest.exports ?? {}).map(([subpath, target]) => ({
        specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
        packageDir: dir,
        file: sourceOf(dir, target.types),
      }))
    })

const compilerOptions = (typeRoots, entries) => ({
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
  typeRoots,
  paths: Object.fromEntries(entries.map((e) => [e.specifier, [e.file]])),
})

// The raw text of a declaration's doc comments, and its `@example` blocks with their line.
const docsOf = (node) => {
  const target = ts.isVariableDeclaration(node) ? node.parent.parent : node
  const sourceFile = node.getSourceFile()
  const comments = ts.getJSDocCommentsAndTags(target).filter(ts.isJSDoc)
  const examples = []
  for (const doc of comments) {
    const start = doc.getStart(sourceFile)
    const firstLine = sourceFile.getLineAndCharacterOfPosition(start).line
    const lines = sourceFile.text
      .slice(start, doc.end)
      .split('\n')
      .map((l) =>
        l
          .replace(/^\s*\/\*\*\s?/, '')
          .replace(/\s*\*\/\s*$/, '')
          .replace(/^\s*\* ?/, ''),
      )
    let current = null
    lines.forEach((line, i) => {
      if (/^@\w+/.test(line)) {
        if (current !== null) examples.push(current)
        const rest = line.replace(/^@example\s*/, '')
        // The example starts on the line after the tag, or on the tag's line if code follows it.
        current = /^@example\b/.test(line)
          ? rest === ''
            ? { line: firstLine + i + 2, code: [] }
            : { line: firstLine + i + 1, code: [rest] }
          : null
      } else if (current !== null) current.code.push(line)
    })
    if (current !== null) examples.push(current)
  }
  return {
    documented: comments.some((doc) => ts.getTextOfJSDocComment(doc.comment)?.trim()),
    examples: examples.map((e) => ({
      line: e.line,
      code: e.code.filter((l) => !/^```/.test(l)).join('\n'),
    })),
  }
}

const location = (root, node) => {
  const sf = node.getSourceFile()
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf))
  return `${relative(root, sf.fileName)}:${line + 1}`
}

const repository = resolve(import.meta.dirname, '..')

/**
 * Checks the public entry points of the packages under `root` (default: this repository).
 * Returns the problems found, one line each, and how many exports and examples were checked.
 */
export const checkApiDocs = ({
  root = repository,
  mustHaveExample = MUST_HAVE_EXAMPLE,
  typeRoots = [join(repository, 'node_modules/@types')],
} = {}) => {
  const entries = entryPoints(root)
  const options = compilerOptions(typeRoots, entries)
  const program = ts.createProgram(
    entries.map((e) => e.file),
    options,
  )
  const checker = program.getTypeChecker()
  const problems = []
  const examples = []
  let exportsChecked = 0
  for (const entry of entries) {
    const source = program.getSourceFile(entry.file)
    if (source === undefined) {
      problems.push(`${relative(root, entry.file)}: the source of ${entry.specifier} is missing`)
      continue
    }
    const moduleSymbol = checker.getSymbolAtLocation(source)
    const symbols = moduleSymbol === undefined ? [] : checker.getExportsOfModule(moduleSymbol)
    const withExample = new Set()
    for (const symbol of symbols) {
      exportsChecked++
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
      const declarations = target.declarations ?? []
      const docs = declarations.map(docsOf)
      if (declarations.length > 0 && !docs.some((d) => d.documented))
        problems.push(
          `${location(root, declarations[0])}: export '${symbol.name}' of ${entry.specifier} has no doc comment: ` +
            `add a one-line /** ... */ above its declaration`,
        )
      declarations.forEach((declaration, i) => {
        for (const example of docs[i].examples) {
          withExample.add(symbol.name)
          const where = `${relative(root, declaration.getSourceFile().fileName)}:${example.line}`
          if (!examples.some((e) => e.where === where))
            examples.push({ where, name: symbol.name, entry, code: example.code })
        }
      })
    }
    for (const name of mustHaveExample[entry.specifier] ?? [])
      if (!withExample.has(name))
        problems.push(
          `${relative(root, entry.file)}: export '${name}' of ${entry.specifier} needs an @example`,
        )
  }
  problems.push(...checkExamples(options, examples, program))
  return { problems, exportsChecked, examplesChecked: examples.length }
}

// Each example is a module of its own in its package's src (so that its imports resolve as the
// package's would), type-checked in one program; an error is reported at the example's line.
const checkExamples = (options, examples, oldProgram) => {
  if (examples.length === 0) return []
  const files = new Map(
    examples.map((e, i) => [join(e.entry.packageDir, 'src', `__doc_example_${i}__.ts`), e]),
  )
  const host = ts.createCompilerHost(options)
  const { getSourceFile, fileExists, readFile } = host
  host.fileExists = (f) => files.has(f) || fileExists(f)
  host.readFile = (f) => (files.has(f) ? `${files.get(f).code}\nexport {}\n` : readFile(f))
  host.getSourceFile = (f, language, ...rest) =>
    files.has(f)
      ? ts.createSourceFile(f, `${files.get(f).code}\nexport {}\n`, language, true)
      : getSourceFile(f, language, ...rest)
  const program = ts.createProgram([...files.keys()], options, host, oldProgram)
  const problems = []
  for (const [file, example] of files) {
    const sf = program.getSourceFile(file)
    const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]
    for (const d of diagnostics) {
      const line = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line
      const [path, at] = example.where.split(':')
      problems.push(
        `${path}:${Number(at) + line}: the @example of '${example.name}' does not compile: ` +
          ts.flattenDiagnosticMessageText(d.messageText, ' '),
      )
    }
  }
  return problems
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { problems, exportsChecked, examplesChecked } = checkApiDocs()
  if (problems.length > 0) {
    console.error(`API documentation: ${problems.length} problem(s)\n${problems.join('\n')}`)
    process.exit(1)
  }
  console.log(`API documentation: ${exportsChecked} exports documented, ${examplesChecked} examples compile`)
}
