/** Dependency rules: the direction cli → projections, adapters → domain, and a pure domain. */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      comment: 'The domain imports fp-ts, io-ts and its own files only (its testing kit may use fast-check).',
      severity: 'error',
      from: { path: '^packages/domain/src', pathNot: '(\\.test\\.ts$|^packages/domain/src/testing/)' },
      to: { pathNot: ['^packages/domain/src', 'node_modules/(fp-ts|io-ts)/'] },
    },
    {
      name: 'domain-testing-kit',
      severity: 'error',
      from: { path: '^packages/domain/src/testing/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^packages/domain/src', 'node_modules/(fp-ts|io-ts|fast-check)/'] },
    },
    {
      name: 'adapters-point-to-domain-only',
      severity: 'error',
      from: { path: '^packages/adapters/src' },
      to: { path: '^packages/(projections|cli)/' },
    },
    {
      name: 'projections-do-not-reach-cli',
      severity: 'error',
      from: { path: '^packages/projections/src' },
      to: { path: '^packages/cli/' },
    },
    {
      name: 'projections-run-without-adapters',
      comment: 'Projections take any EventStore; the adapters are for their tests only.',
      severity: 'error',
      from: {
        path: '^packages/projections/src',
        pathNot: '(\\.test\\.ts$|^packages/projections/src/testing/)',
      },
      to: { path: ['^packages/adapters/', '@parcours/adapters'] },
    },
    {
      name: 'test-tools-in-testing-only',
      comment: 'vitest and fast-check are optional peers, loaded only by the ./testing subpaths and tests.',
      severity: 'error',
      from: { path: '^packages/[^/]+/src', pathNot: '(\\.test\\.ts$|/src/testing/)' },
      to: { path: 'node_modules/(vitest|fast-check)/' },
    },
    {
      name: 'no-dist-imports',
      severity: 'error',
      from: {},
      to: { path: '/dist/', pathNot: 'node_modules' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
}
