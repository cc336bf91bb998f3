import { describe, expect, it } from 'vitest'
import { entryPoints, packageImports, relativeSpecifiers, tarballProblems } from './pack-smoke.mjs'

// A small package as pnpm pack lays it out: an entry point, a module it imports, a type-only
// module reached through the declarations, a bin, their maps and sources.
const manifest = {
  name: '@parcours/fake',
  license: 'MIT',
  exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
  bin: { fake: './dist/bin.js' },
  dependencies: { '@parcours/domain': '0.1.0' },
}
const contents = {
  'package.json': '{}',
  'README.md': '# fake',
  LICENSE: 'MIT',
  'dist/index.js': "export { add } from './add.js'\n//# sourceMappingURL=index.js.map",
  'dist/index.js.map': JSON.stringify({ sources: ['../src/index.ts'] }),
  'dist/index.d.ts': "export { add } from './add.js'\nexport type { Shape } from './shape.js'",
  'dist/add.js': 'export const add = (a, b) => a + b',
  'dist/add.d.ts': 'export declare const add: (a: number, b: number) => number',
  'dist/shape.js': 'export {}',
  'dist/shape.d.ts': 'export interface Shape { readonly n: number }',
  'dist/bin.js': "#!/usr/bin/env node\nconst { add } = await import('./add.js')",
  'src/index.ts': "export { add } from './add.js'",
}
const problemsOf = (changes = {}, manifestChanges = {}) => {
  const files = { ...contents, ...changes }
  for (const [k, v] of Object.entries(files)) if (v === undefined) delete files[k]
  return tarballProblems({
    files: Object.keys(files),
    read: (f) => files[f],
    manifest: { ...manifest, ...manifestChanges },
  })
}

describe('the checks on a tarball', () => {
  it('find nothing wrong with a package of reachable modules, its LICENSE and README', () => {
    expect(problemsOf()).toEqual([])
  })

  it('name a compiled test, a fixture, a test output and the build cache', () => {
    expect(
      problemsOf({
        'dist/add.test.js': "import { add } from './add.js'",
        'src/partners/fixtures/list.csv': 'a,b',
        'test-artifacts/report.html': '<html>',
        'dist/.tsbuildinfo': '{}',
      }),
    ).toEqual([
      'dist/add.test.js: a test file, fixture or build cache',
      'src/partners/fixtures/list.csv: a test file, fixture or build cache',
      'test-artifacts/report.html: a test file, fixture or build cache',
      'dist/.tsbuildinfo: a test file, fixture or build cache',
    ])
  })

  it('name a missing LICENSE or README, a workspace: range and another licence', () => {
    expect(
      problemsOf(
        { LICENSE: undefined, 'README.md': undefined },
        { license: 'ISC', dependencies: { '@parcours/domain': 'workspace:*' } },
      ),
    ).toEqual([
      'README.md is missing',
      'LICENSE is missing',
      'package.json: @parcours/domain is "workspace:*"',
      'package.json: license is ISC, not MIT',
    ])
  })

  it('name an import the tarball cannot satisfy, in code and in declarations', () => {
    expect(problemsOf({ 'dist/add.js': undefined })).toContain(
      'dist/index.js imports ./add.js, which the tarball does not hold',
    )
    expect(problemsOf({ 'dist/shape.d.ts': undefined, 'dist/shape.js': undefined })).toEqual([
      'dist/index.d.ts imports ./shape.js, which the tarball does not hold',
    ])
  })

  it('name a module nothing published reaches: test support, or a stale build output', () => {
    expect(problemsOf({ 'dist/testing/fakeServer.js': "import { add } from '../add.js'" })).toEqual([
      'dist/testing/fakeServer.js is not reachable from exports or bin: test support, or a stale build output?',
    ])
  })

  it('name an optional peer imported outside the testing entry points', () => {
    const withKit = {
      exports: { ...manifest.exports, './testing': { types: './dist/kit.d.ts', default: './dist/kit.js' } },
      peerDependencies: { 'fast-check': '^4.3.0' },
      peerDependenciesMeta: { 'fast-check': { optional: true } },
    }
    const kit = {
      'dist/kit.js': "import * as fc from 'fast-check'",
      'dist/kit.d.ts': "import type * as fc from 'fast-check'",
    }
    expect(problemsOf(kit, withKit)).toEqual([])
    expect(
      problemsOf({ ...kit, 'dist/add.d.ts': "import type { Arbitrary } from 'fast-check'" }, withKit),
    ).toEqual(['dist/add.d.ts imports fast-check, an optional peer, outside the testing entry points'])
  })

  it('name a source map whose source is not shipped', () => {
    expect(problemsOf({ 'src/index.ts': undefined })).toEqual([
      'dist/index.js.map maps to src/index.ts, which the tarball does not hold',
    ])
  })
})

describe('what the checks read', () => {
  it('finds static, dynamic and side-effect imports, re-exports and worker files', () => {
    const code = [
      "import { a } from './a.js'",
      "export * from '../b/index.js'",
      "import './c.js'",
      "const d = await import('./d.js')",
      "new Worker(new URL('./e.js', import.meta.url))",
      "import { f } from 'fp-ts/lib/Either.js'",
      "import { g } from 'node:fs'",
    ].join('\n')
    expect(relativeSpecifiers(code)).toEqual(['./a.js', '../b/index.js', './c.js', './d.js', './e.js'])
  })

  it('finds the packages imported by name, scoped or not, without node builtins', () => {
    const code = [
      "import { isLeft } from 'fp-ts/lib/Either.js'",
      "import * as grpc from '@grpc/grpc-js'",
      "import type { Arbitrary } from 'fast-check'",
      "import { readFileSync } from 'node:fs'",
      "import { a } from './a.js'",
    ].join('\n')
    expect(packageImports(code)).toEqual(['fp-ts', '@grpc/grpc-js', 'fast-check'])
  })

  it('takes the entry points from exports (every condition) and bin', () => {
    expect(
      entryPoints({
        exports: {
          '.': { types: './dist/index.d.ts', default: './dist/index.js' },
          './kit': './dist/kit.js',
        },
        bin: './dist/bin.js',
      }),
    ).toEqual(['dist/index.d.ts', 'dist/index.js', 'dist/kit.js', 'dist/bin.js'])
    expect(
      entryPoints(
        { exports: { '.': './dist/index.js', './testing': './dist/testing/index.js' } },
        { testing: false },
      ),
    ).toEqual(['dist/index.js'])
  })
})
