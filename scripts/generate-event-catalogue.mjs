// Writes the event catalogue, docs/events.md, from the event codecs of the built @parcours/domain:
// every event type of each family with its current schema version, its fields and their types
// (the io-ts codecs walked into readable types), and its earlier versions with what each upcast
// step does (`journeyEventUpcasters`). The prose comes from the domain's own doc comments: the
// codec of each event, of each named type, and of each field where it has one.
// `pnpm docs:events` regenerates it; `--check` (in lint) fails when it is out of date.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import prettier from 'prettier'
import ts from 'typescript'

const repository = resolve(import.meta.dirname, '..')
const output = join(repository, 'docs/events.md')
const command = 'pnpm docs:events'

// ---------------------------------------------------------------------------------------------
// walking io-ts codecs
// ---------------------------------------------------------------------------------------------

const PRIMITIVES = {
  StringType: 'string',
  NumberType: 'number',
  BooleanType: 'boolean',
  NullType: 'null',
  UndefinedType: 'undefined',
  UnknownType: 'unknown',
  AnyType: 'unknown',
}

// A codec given a name of its own (`t.brand(…, 'YouthId')`, `t.keyof(…, 'Theme')`) is shown by
// that name and defined once among the types; io-ts names the others after their structure.
const isNamed = (codec) => /^[A-Z][A-Za-z0-9]*$/.test(codec.name) && !(codec._tag in PRIMITIVES)

// The codecs that wrap another without changing its shape.
const unwrap = (codec) =>
  codec._tag === 'ExactType' || codec._tag === 'StrictType' || codec._tag === 'ReadonlyType'
    ? unwrap(codec.type)
    : codec

/** The fields of an object codec (type, partial, exact, intersections of them), in order. */
export const fieldsOf = (codec) => {
  const c = unwrap(codec)
  if (c._tag === 'InterfaceType' || c._tag === 'PartialType')
    return Object.entries(c.props).map(([name, type]) => ({
      name,
      codec: type,
      optional: c._tag === 'PartialType',
    }))
  if (c._tag === 'IntersectionType') return c.types.flatMap(fieldsOf)
  return []
}

const isObject = (codec) => {
  const c = unwrap(codec)
  return (
    c._tag === 'InterfaceType' ||
    c._tag === 'PartialType' ||
    (c._tag === 'IntersectionType' && c.types.every(isObject))
  )
}

/**
 * A codec as a readable type, in Markdown: named codecs as links to their definition (each added
 * to `refs`), literals and primitives as code, objects as `{ field: type; optional?: type }`.
 */
export const renderType = (codec, refs, { expand = false, or = ' \\| ' } = {}) => {
  const c = unwrap(codec)
  if (!expand && isNamed(c)) {
    refs.add(c)
    return `[\`${c.name}\`](#${c.name.toLowerCase()})`
  }
  const inner = (x) => renderType(x, refs, { or })
  if (c._tag in PRIMITIVES) return `\`${PRIMITIVES[c._tag]}\``
  if (isObject(c))
    return `{ ${fieldsOf(c)
      .map((f) => `${f.name}${f.optional ? '?' : ''}: ${inner(f.codec)}`)
      .join('; ')} }`
  switch (c._tag) {
    case 'LiteralType':
      return `\`${JSON.stringify(c.value)}\``
    case 'KeyofType':
      return Object.keys(c.keys)
        .map((k) => `\`${JSON.stringify(k)}\``)
        .join(or)
    case 'UnionType':
      return c.types.map(inner).join(or)
    case 'IntersectionType':
      return c.types.map(inner).join(' & ')
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return `${inner(c.type)}[]`
    case 'DictionaryType':
    case 'RecordType':
      return `Record<${inner(c.domain)}, ${inner(c.codomain)}>`
    case 'TupleType':
      return `[${c.types.map(inner).join(', ')}]`
    case 'RefinementType':
      return `${inner(c.type)} (${c.name})`
    default:
      return `\`${c.name}\``
  }
}

const fieldTable = (codec, refs, fieldDocs = new Map()) => [
  '| field | type | description |',
  '| --- | --- | --- |',
  ...fieldsOf(codec).map(
    (f) =>
      `| \`${f.name}\`${f.optional ? ' (optional)' : ''} | ${renderType(f.codec, refs)} | ` +
      `${(fieldDocs.get(f.name) ?? '').replace(/\|/g, '\\|')} |`,
  ),
]

// What a named type is, for its definition among the types.
const definitionOf = (codec, refs, fieldDocs) => {
  const c = unwrap(codec)
  if (isObject(c)) return fieldTable(c, refs, fieldDocs)
  if (c._tag === 'RefinementType')
    return [`${renderType(c.type, refs, { or: ' or ' })}, checked: a value that fails the check is refused.`]
  if (c._tag === 'KeyofType' || c._tag === 'UnionType' || c._tag === 'LiteralType')
    return [`One of ${renderType(c, refs, { expand: true, or: ', ' })}.`]
  return [`${renderType(c, refs, { expand: true, or: ' or ' })}.`]
}

// ---------------------------------------------------------------------------------------------
// doc comments of the domain's sources
// ---------------------------------------------------------------------------------------------

const sourceFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sourceFiles(join(dir, d.name))
      : d.name.endsWith('.ts') && !d.name.endsWith('.test.ts')
        ? [join(dir, d.name)]
        : [],
  )

const textOf = (node) =>
  ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()

/**
 * The doc comments of the exported constants of the TypeScript files under `dir`, by name: the
 * comment of the constant, and those of the properties written in its initializer, by property.
 */
export const docCommentsOf = (dir) => {
  const comments = new Map()
  for (const file of sourceFiles(dir)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true)
    for (const statement of sf.statements) {
      if (!ts.isVariableStatement(statement)) continue
      if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue
      for (const declaration of statement.declarationList.declarations) {
        const fields = new Map()
        const visit = (node) => {
          if (ts.isPropertyAssignment(node) && textOf(node) !== '')
            fields.set(node.name.getText(sf), textOf(node))
          ts.forEachChild(node, visit)
        }
        if (declaration.initializer !== undefined) visit(declaration.initializer)
        comments.set(declaration.name.getText(sf), { doc: textOf(statement), fields })
      }
    }
  }
  return comments
}

// ---------------------------------------------------------------------------------------------
// the catalogue
// ---------------------------------------------------------------------------------------------

/**
 * The catalogue in Markdown. `families`: `{ title, union, versions, upcasters }`, where `union` is
 * the io-ts union of the family's event codecs, `versions` the current schema version by type and
 * `upcasters` the steps from each old version, `{ [type]: { [n]: { description } } }`.
 * `comments`: doc comments by codec name (see `docCommentsOf`).
 */
export const renderCatalogue = ({ families, comments, intro = '' }) => {
  const refs = new Set()
  const doc = (name) => comments.get(name)?.doc ?? ''
  const lines = ['# Event catalogue', '', intro, '']
  for (const family of families) {
    const events = family.union.types
    lines.push(`## ${family.title}`, '', doc(family.union.name), '')
    lines.push('| event | version |', '| --- | --- |')
    for (const e of events)
      lines.push(`| [${e.name}](#${e.name.toLowerCase()}) | ${family.versions[e.name]} |`)
    lines.push('')
    for (const e of events) {
      const fieldDocs = comments.get(e.name)?.fields ?? new Map()
      lines.push(
        `### ${e.name}`,
        '',
        doc(e.name),
        '',
        `Current schema version: ${family.versions[e.name]}.`,
        '',
      )
      lines.push(...fieldTable(e, refs, fieldDocs), '')
      const steps = Object.entries(family.upcasters[e.name] ?? {}).sort(([a], [b]) => Number(a) - Number(b))
      if (steps.length > 0) {
        lines.push('Earlier versions, upcast on read:', '')
        for (const [from, step] of steps) lines.push(`- ${from} → ${Number(from) + 1}: ${step.description}`)
        lines.push('')
      }
    }
  }
  lines.push('## Types', '', 'The named types the fields above use.', '')
  // Definitions may name further types: define until none is left.
  const defined = new Set()
  const pending = () => [...refs].filter((r) => !defined.has(r.name))
  for (let next = pending(); next.length > 0; next = pending())
    for (const codec of next.sort((a, b) => a.name.localeCompare(b.name))) {
      defined.add(codec.name)
      lines.push(
        `### ${codec.name}`,
        '',
        doc(codec.name),
        '',
        ...definitionOf(codec, refs, comments.get(codec.name)?.fields),
        '',
      )
    }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`
}

const formatted = async (markdown) =>
  prettier.format(markdown, {
    ...(await prettier.resolveConfig(output)),
    parser: 'markdown',
  })

const INTRO =
  'Generated from the codecs of `@parcours/domain` by `' +
  command +
  '` (`scripts/generate-event-catalogue.mjs`): do not edit it by hand. ' +
  'A store keeps each event with its `type` and the schema version it was written with; reading an ' +
  'older version upcasts it, step by step, to the current one before it is validated. Personal data ' +
  'only ever travels `Sealed` ([the vault](../packages/adapters/src/vault/README.md)).'

/** The catalogue of this repository's domain, formatted as the repository formats Markdown. */
export const eventCatalogue = async (root = repository) => {
  const dist = join(root, 'packages/domain/dist/index.js')
  if (!existsSync(dist)) throw new Error(`${relative(root, dist)} is missing: run \`pnpm build\` first`)
  const domain = await import(pathToFileURL(dist).href)
  const families = [
    {
      title: 'Journey events',
      union: domain.JourneyEvent,
      versions: domain.journeyEventVersions,
      upcasters: domain.journeyEventUpcasters,
    },
    {
      title: 'Outreach case events',
      union: domain.OutreachEvent,
      versions: domain.outreachEventVersions,
      upcasters: {},
    },
  ]
  const comments = docCommentsOf(join(root, 'packages/domain/src'))
  return {
    markdown: await formatted(renderCatalogue({ families, comments, intro: INTRO })),
    events: families.reduce((n, f) => n + f.union.types.length, 0),
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { markdown, events } = await eventCatalogue()
  const where = relative(repository, output)
  if (process.argv.includes('--check')) {
    if (!existsSync(output) || readFileSync(output, 'utf8') !== markdown) {
      console.error(`${where} is out of date with the event codecs: run \`${command}\` to regenerate it`)
      process.exit(1)
    }
    console.log(`Event catalogue: ${where} is up to date (${events} event types)`)
  } else {
    writeFileSync(output, markdown)
    console.log(`Event catalogue: ${where} written (${events} event types)`)
  }
}
