// Keeps the READMEs' code blocks true: a block announced by a marker before it (then a blank line),
//
//   <!-- snippet: examples/snippets/usingTheLibrary.ts#readme -->
//
// must be, byte for byte, that region of that file (a path from the repository root; without
// `#region`, the whole file). The files are compiled by the examples' tsconfig and run by
// examples/snippets/snippets.int.test.ts, so what a README shows compiles and runs.
// A region is every part of the file between `// #region name` and `// #endregion name`, each
// part dedented, the parts joined: the imports and the body of a `main()` read as one program.
// Every TypeScript block of the root README and the packages' READMEs must have a marker.
// `--write` rewrites the blocks from the files instead of failing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { markdownFiles } from './check-doc-links.mjs'

const repository = resolve(import.meta.dirname, '..')

const MARKER = /^<!-- snippet: ([^\s#]+)(?:#([\w-]+))? -->$/
const FENCE = /^(```+|~~~+)(\S*)/

const dedent = (lines) => {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)[0].length)
  const cut = indents.length === 0 ? 0 : Math.min(...indents)
  return lines.map((l) => l.slice(cut))
}

/** The text of region `name` of a file's text (every part of it, dedented and joined), or null. */
export const regionOf = (text, name) => {
  const parts = []
  let current = null
  for (const line of text.split('\n')) {
    const marker = /^\s*\/\/ #(region|endregion) ([\w-]+)\s*$/.exec(line)
    if (marker !== null && marker[2] === name) {
      if (marker[1] === 'region') current = []
      else if (current !== null) {
        parts.push(dedent(current).join('\n'))
        current = null
      }
    } else if (current !== null && !/^\s*\/\/ #(region|endregion) /.test(line)) current.push(line)
  }
  return parts.length === 0 ? null : `${parts.join('\n')}\n`
}

/** The code blocks of a Markdown text: language, marker, and where the code sits (line indices). */
export const codeBlocksOf = (markdown) => {
  const lines = markdown.split('\n')
  const blocks = []
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i])
    if (open === null) continue
    let end = i + 1
    while (end < lines.length && !lines[end].startsWith(open[1])) end++
    // The marker sits on the line before the fence, or before the blank line Prettier puts there.
    const before = i > 0 && lines[i - 1] === '' ? i - 2 : i - 1
    const marker = before >= 0 ? MARKER.exec(lines[before]) : null
    blocks.push({
      language: open[2],
      line: i + 1,
      file: marker?.[1] ?? null,
      region: marker?.[2] ?? null,
      start: i + 1,
      end,
      code: lines.slice(i + 1, end).join('\n') + '\n',
    })
    i = end
  }
  return blocks
}

// The READMEs whose every TypeScript block must be a snippet.
const mustBeSnippets = (root, file) => /^(README\.md|packages\/[^/]+\/README\.md)$/.test(relative(root, file))

/**
 * Checks (or, with `write`, rewrites) every marked code block of the Markdown files under `root`.
 * Returns the problems, one line each, and how many blocks were checked.
 */
export const checkReadmeSnippets = ({ root = repository, write = false } = {}) => {
  const problems = []
  let checked = 0
  for (const md of markdownFiles(root).map((file) => join(root, file))) {
    const text = readFileSync(md, 'utf8')
    const lines = text.split('\n')
    const where = (block) => `${relative(root, md)}:${block.line}`
    const found = []
    let changed = false
    // From the last block up, so that rewriting one leaves the line indices of the others.
    for (const block of codeBlocksOf(text).reverse()) {
      if (block.file === null) {
        if (block.language === 'ts' && mustBeSnippets(root, md))
          found.push(
            `${where(block)}: a TypeScript block with no snippet marker: move it into examples/snippets/ ` +
              `and put <!-- snippet: examples/snippets/NAME.ts#readme --> before it`,
          )
        continue
      }
      checked++
      const source = join(root, block.file)
      if (!existsSync(source)) {
        found.push(`${where(block)}: the snippet file ${block.file} does not exist`)
        continue
      }
      const full = readFileSync(source, 'utf8')
      const expected = block.region === null ? full : regionOf(full, block.region)
      if (expected === null) {
        found.push(`${where(block)}: ${block.file} has no region '${block.region}'`)
        continue
      }
      if (expected === block.code) continue
      if (write) {
        lines.splice(block.start, block.end - block.start, ...expected.replace(/\n$/, '').split('\n'))
        changed = true
      } else
        found.push(
          `${where(block)}: the block differs from ${block.file}${block.region === null ? '' : `#${block.region}`}: ` +
            'edit the file, then run `node scripts/check-readme-snippets.mjs --write`',
        )
    }
    problems.push(...found.reverse())
    if (changed) writeFileSync(md, lines.join('\n'))
  }
  return { problems, checked }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const write = process.argv.includes('--write')
  const { problems, checked } = checkReadmeSnippets({ write })
  if (problems.length > 0) {
    console.error(`README snippets: ${problems.length} problem(s)\n${problems.join('\n')}`)
    process.exit(1)
  }
  console.log(`README snippets: ${checked} blocks ${write ? 'written from' : 'match'} their files`)
}
