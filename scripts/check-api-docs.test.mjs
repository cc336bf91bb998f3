import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkApiDocs } from './check-api-docs.mjs'

// A repository of one package, @parcours/fake, whose entry point has a documented export with an
// example that compiles, one whose example does not, and one with no doc comment.
const root = mkdtempSync(join(tmpdir(), 'api-docs-'))
mkdirSync(join(root, 'packages/fake/src'), { recursive: true })
writeFileSync(
  join(root, 'packages/fake/package.json'),
  JSON.stringify({
    name: '@parcours/fake',
    type: 'module',
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
  }),
)
writeFileSync(
  join(root, 'packages/fake/src/index.ts'),
  [
    '/**',
    ' * Adds two numbers.',
    ' *',
    ' * @example',
    " * import { add } from '@parcours/fake'",
    ' * const three: number = add(1, 2)',
    ' */',
    'export const add = (a: number, b: number): number => a + b',
    '',
    '/**',
    ' * Doubles a number.',
    ' *',
    ' * @example',
    " * import { double } from '@parcours/fake'",
    ' *',
    ' * const word: string = double(2) // a number is no string',
    ' */',
    'export const double = (a: number): number => a * 2',
    '',
    'export const undocumented = 1',
    '',
  ].join('\n'),
)
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('check-api-docs', () => {
  const { problems, exportsChecked, examplesChecked } = checkApiDocs({
    root,
    mustHaveExample: { '@parcours/fake': ['add', 'undocumented'] },
  })

  it('checks every export of the entry points and every example', () => {
    expect(exportsChecked).toBe(3)
    expect(examplesChecked).toBe(2)
  })

  it('names the export that lacks a doc comment, with its file and line', () => {
    expect(problems).toContain(
      "packages/fake/src/index.ts:20: export 'undocumented' of @parcours/fake has no doc comment: " +
        'add a one-line /** ... */ above its declaration',
    )
  })

  it('fails on an example that does not compile, at the line of the error', () => {
    expect(problems).toContain(
      "packages/fake/src/index.ts:16: the @example of 'double' does not compile: " +
        "Type 'number' is not assignable to type 'string'.",
    )
  })

  it('requires an example where one is due, and accepts one that compiles', () => {
    expect(problems).toContain(
      "packages/fake/src/index.ts: export 'undocumented' of @parcours/fake needs an @example",
    )
    expect(problems.filter((p) => p.includes("'add'"))).toEqual([])
    expect(problems).toHaveLength(3)
  })
})
