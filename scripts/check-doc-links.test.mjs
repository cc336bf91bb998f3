import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { anchorsOf, checkDocLinks, slugOf } from './check-doc-links.mjs'

const script = fileURLToPath(new URL('./check-doc-links.mjs', import.meta.url))

// A small repository: a README whose links are all good, a guide with one broken link and one
// broken anchor, and links into generated documentation that is not there.
const root = mkdtempSync(join(tmpdir(), 'doc-links-'))
const write = (path, text) => {
  mkdirSync(join(root, path, '..'), { recursive: true })
  writeFileSync(join(root, path), text)
}
write(
  'README.md',
  [
    '# Parcours',
    '',
    'See [the guide](docs/guide.md), [its rules](docs/guide.md#the-rules--and-their-limits),',
    '[a heading met twice](docs/guide.md#usage-1), [an accented one](docs/guide.md#écrire-un-adaptateur),',
    '[a folder](docs/), [this file](#parcours), [a line of code](src/store.ts#L3),',
    '[a link whose text',
    'runs over two lines](docs/guide.md#the-store-api), [an html anchor](docs/guide.md#kept-here),',
    '![an image](docs/logo.svg) and [the site](https://example.org/parcours).',
    '',
    '```md',
    '[inside a code block](nowhere.md)',
    '```',
    '',
    'Also `[in a code span](nowhere.md)` and <https://example.org/other>.',
    '',
    '[ref]: docs/guide.md#usage',
    '',
  ].join('\n'),
)
write(
  'docs/guide.md',
  [
    '# The guide',
    '',
    '## The rules — and their limits',
    '',
    '## Usage',
    '',
    '## Usage',
    '',
    '## Écrire un adaptateur',
    '',
    '## The `store` API',
    '',
    '<a id="kept-here"></a>',
    '',
    'Read [the events](events.md) and [the API](api/index.html), both generated.',
    '',
    'A [missing file](missing.md) and [a missing heading](#no-such-heading).',
    '',
  ].join('\n'),
)
write('docs/logo.svg', '<svg/>')
write('src/store.ts', 'export {}\n')
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('check-doc-links', () => {
  it('makes GitHub slugs of headings', () => {
    expect(slugOf('The rules — and their limits')).toBe('the-rules--and-their-limits')
    expect(slugOf('The `store` API: **read** it _first_')).toBe('the-store-api-read-it-first')
    expect(slugOf('Running on [EventStoreDB](x.md) (23.10+)')).toBe('running-on-eventstoredb-2310')
    expect(slugOf('Écrire un adaptateur')).toBe('écrire-un-adaptateur')
    expect([...anchorsOf('# A\n## A\nB\n---\n```\n# not a heading\n```\n')]).toEqual(['a', 'a-1', 'b'])
  })

  it('reports a broken link and a broken anchor with file and line, and nothing else', () => {
    const r = checkDocLinks({ root })
    expect(r.problems).toEqual([
      'docs/guide.md:17: no such file: missing.md',
      'docs/guide.md:17: no heading #no-such-heading in this file',
    ])
    expect(r.files).toBe(2)
    expect(r.skipped.map((s) => s.target)).toEqual([
      'https://example.org/parcours',
      'https://example.org/other',
    ])
    expect(r.notBuilt.map((n) => `${n.at} ${n.target}`)).toEqual([
      'docs/guide.md:15 events.md',
      'docs/guide.md:15 api/index.html',
    ])
  })

  it('checks links into generated documentation once it exists', () => {
    write('docs/events.md', '# Events\n')
    write('docs/api/other.html', '<html></html>')
    try {
      const r = checkDocLinks({ root })
      expect(r.notBuilt).toEqual([])
      expect(r.problems).toContain('docs/guide.md:15: no such file: api/index.html')
    } finally {
      rmSync(join(root, 'docs/events.md'))
      rmSync(join(root, 'docs/api'), { recursive: true })
    }
  })

  it('fails as a command, naming each broken link, and passes once they are fixed', () => {
    const broken = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8' })
    expect(broken.status).toBe(1)
    expect(broken.stderr).toContain('docs/guide.md:17: no such file: missing.md')
    expect(broken.stderr).toContain('docs/guide.md:17: no heading #no-such-heading in this file')
    expect(broken.stderr).toContain('doc links: 2 broken')

    write('docs/guide.md', '# The guide\n\n## Usage\n\n## Usage\n')
    write('docs/missing.md', '# Now here\n')
    write(
      'README.md',
      '# Parcours\n\n[guide](docs/guide.md#usage-1), [here](docs/missing.md#now-here), [site](https://example.org)\n',
    )
    const fixed = spawnSync(process.execPath, [script, '--verbose'], { cwd: root, encoding: 'utf8' })
    expect(fixed.stderr).toBe('')
    expect(fixed.status).toBe(0)
    expect(fixed.stdout).toContain('skipped (external, not fetched): https://example.org')
    expect(fixed.stdout).toContain('3 Markdown files, 2 relative links checked (2 with an anchor)')
  })
})
