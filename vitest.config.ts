import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (pkg: string, entry = 'index.ts') =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${entry}`, import.meta.url))

// Tests import the packages by name and run against their TypeScript sources.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@parcours\/domain\/testing$/, replacement: src('domain', 'testing/index.ts') },
      { find: /^@parcours\/domain$/, replacement: src('domain') },
      { find: /^@parcours\/adapters\/testing$/, replacement: src('adapters', 'testing/index.ts') },
      { find: /^@parcours\/adapters\/kit$/, replacement: src('adapters', 'kit/index.ts') },
      { find: /^@parcours\/adapters$/, replacement: src('adapters') },
      { find: /^@parcours\/projections$/, replacement: src('projections') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/**/*.test.ts', 'scripts/**/*.test.mjs'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // On CI (two shared cores) a test that fails is run once more, and vitest reports it as flaky;
    // one that fails twice fails the run. Locally every failure shows at once.
    retry: process.env['CI'] === 'true' ? 1 : 0,
  },
})
