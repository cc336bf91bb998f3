import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkReadmeSnippets, regionOf } from './check-readme-snippets.mjs'

// A repository with one snippet file and a README: a block equal to its region, one that differs,
// one pointing at a region that does not exist, and a TypeScript block with no marker.
const root = mkdtempSync(join(tmpdir(), 'readme-snippets-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
mkdirSync(join(root, 'examples/snippets'), { recursive: true })
const snippet = [
  "import { pathToFileURL } from 'node:url'",
  '// #region readme',
  "import { isLeft } from 'fp-ts/lib/Either.js'",
  '// #endregion readme',
  '',
  'export const main = () => {',
  '  // #region readme',
  '  const r = 1',
  '  if (r > 0) {',
  '    console.log(r)',
  '  }',
  '  // #endregion readme',
  '  return r',
  '}',
  '',
].join('\n')
writeFileSync(join(root, 'examples/snippets/one.ts'), snippet)
const region =
  "import { isLeft } from 'fp-ts/lib/Either.js'\nconst r = 1\nif (r > 0) {\n  console.log(r)\n}\n"
const readme = (stale) =>
  [
    '# Fake',
    '',
    '<!-- snippet: examples/snippets/one.ts#readme -->',
    '',
    '```ts',
    ...region.trimEnd().split('\n'),
    '```',
    '',
    '<!-- snippet: examples/snippets/one.ts#readme -->',
    '```ts',
    stale,
    '```',
    '',
    '<!-- snippet: examples/snippets/one.ts#nowhere -->',
    '```ts',
    'x',
    '```',
    '',
    '```ts',
    'unmarked()',
    '```',
    '',
    '```sh',
    'pnpm test # shell blocks need no marker',
    '```',
    '',
  ].join('\n')
writeFileSync(join(root, 'README.md'), readme('const r = 2'))

describe('check-readme-snippets', () => {
  it('joins the parts of a region, each dedented', () => {
    expect(regionOf(snippet, 'readme')).toBe(region)
    expect(regionOf(snippet, 'other')).toBeNull()
  })

  it('names each block that differs, points nowhere, or has no marker, with its line', () => {
    const { problems, checked } = checkReadmeSnippets({ root })
    expect(checked).toBe(3)
    expect(problems).toEqual([
      expect.stringMatching(
        /^README\.md:14: the block differs from examples\/snippets\/one\.ts#readme: .*--write/,
      ),
      "README.md:19: examples/snippets/one.ts has no region 'nowhere'",
      expect.stringMatching(/^README\.md:23: a TypeScript block with no snippet marker/),
    ])
  })

  it('--write puts the region in the block that differed and changes nothing else', () => {
    checkReadmeSnippets({ root, write: true })
    const expected = readme(region.trimEnd())
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toBe(expected)
    expect(checkReadmeSnippets({ root }).problems).toHaveLength(2)
  })
})
