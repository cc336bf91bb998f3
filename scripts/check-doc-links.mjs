// Every relative link and #anchor of the repository's Markdown resolves: a link to a file names a
// file or folder that exists, an anchor names a heading of the target (GitHub's slugs) or an
// `id`/`name` it declares. External links (http, https, mailto) are not fetched — there may be no
// network — but listed as skipped. Generated documentation (GENERATED below) may be absent: a link
// into it is then listed as not checked, and checked like any other once it is generated.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * What `pnpm docs` and the event-catalogue generator write. `docs/api/` (TypeDoc's HTML) is not
 * committed: links into it are checked only when it has been built. `docs/events.md` is
 * committed once generated; until then a link to it is allowed and listed.
 */
export const GENERATED = ['docs/api/', 'docs/events.md']

const EXTERNAL = /^(https?:|mailto:|ftp:)/i

// ---------------------------------------------------------------------------------------------
// reading Markdown
// ---------------------------------------------------------------------------------------------

/** The Markdown files of the repository: tracked ones, and new ones git does not ignore. */
export const markdownFiles = (root) => {
  try {
    const out = execFileSync(
      'git',
      ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', '*.md', '*.markdown'],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    )
    return [...new Set(out.split('\0').filter((f) => f !== '' && existsSync(join(root, f))))].sort()
  } catch {
    // Not a git work tree (a test fixture): every Markdown file outside node_modules and dist.
    const walk = (dir) =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((d) => {
        const path = dir === '' ? d.name : `${dir}/${d.name}`
        if (d.isDirectory()) return ['node_modules', 'dist', '.git'].includes(d.name) ? [] : walk(path)
        return /\.(md|markdown)$/i.test(d.name) ? [path] : []
      })
    return walk('').sort()
  }
}

/**
 * The text with fenced code blocks, HTML comments and (unless `inline: false`) inline code spans
 * blanked out (replaced by spaces, newlines kept), so that offsets still give lines.
 */
export const withoutCode = (text, { inline = true } = {}) => {
  const blank = (s) => s.replace(/[^\n]/g, ' ')
  const lines = text.split('\n')
  let fence = undefined
  const kept = lines.map((line) => {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (fence === undefined && open !== null) {
      fence = open[1]
      return blank(line)
    }
    if (fence !== undefined) {
      if (new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(line)) fence = undefined
      return blank(line)
    }
    return line
  })
  const prose = kept.join('\n').replace(/<!--[\s\S]*?-->/g, blank)
  return inline ? prose.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, blank) : prose
}

/** The text of a heading as GitHub renders it: inline markup removed, link texts kept. */
const headingText = (raw) =>
  raw
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`/g, '')
    .replace(/\*+/g, '')
    .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1')
    .trim()

/** GitHub's slug of a heading: lower case, punctuation dropped, each space a hyphen. */
export const slugOf = (text) =>
  headingText(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-')

/** The anchors a Markdown file offers: its headings' slugs (repeats get -1, -2…) and HTML ids. */
export const anchorsOf = (text) => {
  const anchors = new Set()
  const seen = new Map()
  const add = (slug) => {
    const n = seen.get(slug) ?? 0
    seen.set(slug, n + 1)
    anchors.add(n === 0 ? slug : `${slug}-${n}`)
  }
  const lines = withoutCode(text, { inline: false }).split('\n')
  lines.forEach((line, i) => {
    const atx = /^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$/.exec(line)
    if (atx !== null) return add(slugOf(atx[1] ?? ''))
    const previous = lines[i - 1]
    if (
      /^ {0,3}(=+|-+)\s*$/.test(line) &&
      previous !== undefined &&
      previous.trim() !== '' &&
      !/^ {0,3}([-*+]\s|\d+[.)]\s|>|\||#)/.test(previous)
    )
      add(slugOf(previous))
  })
  for (const m of text.matchAll(/<[a-z][^>]*\s(?:id|name)\s*=\s*["']([^"']+)["']/gi)) anchors.add(m[1])
  return anchors
}

/** Every link of a Markdown text: inline links and images, reference definitions, autolinks. */
export const linksOf = (text) => {
  const code = withoutCode(text)
  const lineAt = (offset) => code.slice(0, offset).split('\n').length
  const links = []
  // [text](target "title") and ![alt](target); the text may run over lines, not the target.
  for (const m of code.matchAll(
    /!?\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)/g,
  )) {
    const target = m[1].replace(/^<|>$/g, '')
    links.push({ target, line: lineAt(m.index + m[0].length - m[1].length) })
  }
  // [ref]: target
  for (const m of code.matchAll(/^ {0,3}\[[^\]\n]+\]:\s*(<[^>\n]*>|\S+)/gm)) {
    links.push({ target: m[1].replace(/^<|>$/g, ''), line: lineAt(m.index) })
  }
  // <https://…>
  for (const m of code.matchAll(/<((?:https?|mailto):[^>\s]+)>/gi)) {
    links.push({ target: m[1], line: lineAt(m.index) })
  }
  return links
}

// ---------------------------------------------------------------------------------------------
// checking
// ---------------------------------------------------------------------------------------------

const toPosix = (p) => p.split(sep).join('/')

/**
 * Checks every link of every Markdown file under `root`. Returns the problems (`file:line: …`),
 * the external links skipped, the links into generated documentation not built yet, and counts.
 */
export const checkDocLinks = ({
  root = process.cwd(),
  files = markdownFiles(root),
  generated = GENERATED,
} = {}) => {
  const anchorCache = new Map()
  const anchorsIn = (path) => {
    if (!anchorCache.has(path)) anchorCache.set(path, anchorsOf(readFileSync(path, 'utf8')))
    return anchorCache.get(path)
  }
  const isGenerated = (rel) => generated.some((g) => (g.endsWith('/') ? `${rel}/`.startsWith(g) : rel === g))
  // Generated and not built: the file, or the whole folder, is not there yet.
  const notBuiltYet = (rel) =>
    generated.some((g) =>
      g.endsWith('/') ? `${rel}/`.startsWith(g) && !existsSync(join(root, g)) : rel === g,
    )
  const problems = []
  const skipped = []
  const notBuilt = []
  let checked = 0
  let anchorsChecked = 0
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8')
    for (const { target, line } of linksOf(text)) {
      const at = `${file}:${line}`
      if (EXTERNAL.test(target)) {
        skipped.push({ at, target })
        continue
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        problems.push(`${at}: unsupported link scheme: ${target}`)
        continue
      }
      checked += 1
      const hash = target.indexOf('#')
      const pathPart = hash === -1 ? target : target.slice(0, hash)
      const anchor = hash === -1 ? undefined : target.slice(hash + 1)
      let decoded
      try {
        decoded = decodeURIComponent(pathPart.split('?')[0])
      } catch {
        problems.push(`${at}: malformed link: ${target}`)
        continue
      }
      const absolute =
        decoded === ''
          ? join(root, file)
          : decoded.startsWith('/')
            ? join(root, decoded)
            : resolve(dirname(join(root, file)), decoded)
      const rel = toPosix(relative(root, absolute))
      if (rel.startsWith('..')) {
        problems.push(`${at}: link leaves the repository: ${target}`)
        continue
      }
      if (!existsSync(absolute)) {
        if (notBuiltYet(rel)) notBuilt.push({ at, target })
        else problems.push(`${at}: no such file: ${target}`)
        continue
      }
      if (anchor === undefined || anchor === '') continue
      anchorsChecked += 1
      if (statSync(absolute).isDirectory()) {
        problems.push(`${at}: an anchor on a folder: ${target}`)
        continue
      }
      if (/\.(md|markdown)$/i.test(absolute)) {
        let wanted
        try {
          wanted = decodeURIComponent(anchor).toLowerCase()
        } catch {
          wanted = anchor.toLowerCase()
        }
        if (!anchorsIn(absolute).has(wanted))
          problems.push(`${at}: no heading #${anchor} in ${rel === toPosix(file) ? 'this file' : rel}`)
      } else if (!/^L\d+(-L\d+)?$/.test(anchor) && !isGenerated(rel)) {
        problems.push(`${at}: an anchor other than a line (#L12) into a file that is not Markdown: ${target}`)
      }
    }
  }
  return { files: files.length, checked, anchorsChecked, problems, skipped, notBuilt }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const verbose = process.argv.includes('--verbose')
  const r = checkDocLinks()
  const external = [...new Set(r.skipped.map((s) => s.target))].sort()
  if (verbose) {
    for (const target of external) console.log(`skipped (external, not fetched): ${target}`)
    for (const n of r.notBuilt) console.log(`not checked (generated, not built): ${n.at}: ${n.target}`)
  }
  const summary =
    `doc links: ${r.files} Markdown files, ${r.checked} relative links checked (${r.anchorsChecked} with an anchor); ` +
    `${r.skipped.length} external links to ${external.length} addresses skipped, not fetched` +
    (r.notBuilt.length > 0
      ? `; ${r.notBuilt.length} links into generated docs not built yet, not checked`
      : '') +
    (verbose ? '' : ' (--verbose lists them)')
  if (r.problems.length > 0) {
    console.error(`${r.problems.join('\n')}\n${summary}\ndoc links: ${r.problems.length} broken`)
    process.exit(1)
  }
  console.log(summary)
}
