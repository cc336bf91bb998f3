// The packages as a user gets them: packs each published package with pnpm (which rewrites
// `workspace:*`), checks what each tarball holds, installs the tarballs with npm into an empty
// project outside the repository, type-checks a small program importing them by name with the
// strictest settings a consumer may use (`strict`, `skipLibCheck: false`, `module: nodenext`),
// runs it, and runs the `parcours` command installed there. It prints what it did, removes its
// temporary folder, and exits 1 naming the step that failed. `pnpm test` runs it after the lint.
//
//   node scripts/pack-smoke.mjs          (PARCOURS_SMOKE_KEEP=1 keeps the temporary folder)
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join, posix, relative } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The published packages, in the order of their dependencies. */
export const PACKAGES = ['domain', 'adapters', 'projections', 'cli']

/**
 * The packages whose every declaration file the consumer type-checks. The CLI's are checked
 * through its entry point only: its commands' declarations are internal (commander's typings in
 * them exhaust TypeScript's stack when checked one by one with skipLibCheck off).
 */
const LIBRARIES = ['domain', 'adapters', 'projections']

/** The milliseconds each step may take before the smoke test gives up on it. */
const LIMIT_MS = { pack: 60_000, install: 300_000, tsc: 120_000, run: 60_000 }

// ---------------------------------------------------------------------------------------------
// What a tarball may hold (pure: file list and contents in, problems out)
// ---------------------------------------------------------------------------------------------

/** A file that exists for the project's own tests: a test, a fixture, a test's output, a build cache. */
const TEST_FILE =
  /(^|\/)[^/]*\.(test|spec)\.[^/]+$|(^|\/)(fixtures|test-artifacts|__tests__|coverage)\/|\.tsbuildinfo$/

/** The relative module specifiers a compiled `.js` or `.d.ts` file imports or exports from. */
export const relativeSpecifiers = (text) => {
  const found = new Set()
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g
  for (const m of text.matchAll(re)) found.add(m[1])
  // Worker threads and child processes started from a sibling file.
  for (const m of text.matchAll(/new URL\(\s*['"](\.{1,2}\/[^'"]+\.m?js)['"]\s*,\s*import\.meta\.url/g))
    found.add(m[1])
  return [...found]
}

/** The packages a compiled file imports by name (`fp-ts`, `@grpc/grpc-js`), without `node:` builtins. */
export const packageImports = (text) => {
  const found = new Set()
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^./'"][^'"]*)['"]/g
  for (const m of text.matchAll(re)) {
    if (m[1].startsWith('node:')) continue
    const parts = m[1].split('/')
    found.add(m[1].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0])
  }
  return [...found]
}

/**
 * The files a package.json's `exports` (types and code) and `bin` point to, as tarball paths;
 * with `testing: false`, leaving out the testing entry points (`./testing`).
 */
export const entryPoints = (manifest, { testing = true } = {}) => {
  const out = []
  const walk = (v) => {
    if (typeof v === 'string') out.push(posix.normalize(v))
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) walk(x)
  }
  const exports = manifest.exports ?? manifest.main ?? {}
  if (typeof exports === 'object' && Object.keys(exports).every((k) => k.startsWith('.')))
    for (const [key, v] of Object.entries(exports)) {
      if (testing || !/(^|\/)testing(\/|$)/.test(key)) walk(v)
    }
  else walk(exports)
  if (typeof manifest.bin === 'string') out.push(posix.normalize(manifest.bin))
  else walk(manifest.bin ?? {})
  return out
}

const moduleOf = (path) => path.replace(/\.d\.ts$|\.js$/, '')

/**
 * What is wrong with a tarball, one line each (empty when nothing is). `files` are its paths
 * (without the `package/` prefix); `read(path)` returns a file's text; `manifest` its package.json.
 * It must hold no test file, fixture or build cache; its README, LICENSE and package.json; no
 * `workspace:` range; every relative import of a `.js` or `.d.ts` resolves to a file it holds; every
 * compiled module is reachable from `exports` or `bin` (else it is test support, or a stale build
 * output); every source map's sources are in it.
 */
export const tarballProblems = ({ files, read, manifest }) => {
  const problems = []
  const has = new Set(files)
  for (const f of files) if (TEST_FILE.test(f)) problems.push(`${f}: a test file, fixture or build cache`)
  for (const f of ['package.json', 'README.md', 'LICENSE']) if (!has.has(f)) problems.push(`${f} is missing`)
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'])
    for (const [dep, range] of Object.entries(manifest[field] ?? {}))
      if (String(range).startsWith('workspace:')) problems.push(`package.json: ${dep} is "${range}"`)
  if (manifest.license !== 'MIT') problems.push(`package.json: license is ${manifest.license}, not MIT`)

  const compiled = files.filter((f) => /\.(m?js|d\.ts)$/.test(f))
  const imports = new Map()
  for (const f of compiled) {
    const targets = []
    for (const spec of relativeSpecifiers(read(f))) {
      const target = posix.normalize(posix.join(posix.dirname(f), spec))
      const candidates = f.endsWith('.d.ts') ? [target.replace(/\.js$/, '.d.ts'), target] : [target]
      const hit = candidates.find((c) => has.has(c))
      if (hit === undefined) problems.push(`${f} imports ${spec}, which the tarball does not hold`)
      else targets.push(hit)
    }
    imports.set(f, targets)
  }

  // Reachability over modules: a module is reached through its code or its declarations.
  const reach = (entries) => {
    const reached = new Set()
    const queue = entries.filter((f) => has.has(f))
    while (queue.length > 0) {
      const f = queue.pop()
      const mod = moduleOf(f)
      if (reached.has(mod)) continue
      reached.add(mod)
      for (const sibling of [`${mod}.js`, `${mod}.d.ts`])
        for (const t of imports.get(sibling) ?? []) queue.push(t)
    }
    return reached
  }
  for (const e of entryPoints(manifest))
    if (!has.has(e)) problems.push(`package.json points to ${e}, not in the tarball`)
  const reached = reach(entryPoints(manifest))

  // An optional peer (vitest, fast-check) is for the testing entry points only.
  const optional = Object.entries(manifest.peerDependenciesMeta ?? {}).filter(([, m]) => m?.optional === true)
  const optionalPeers = new Set(optional.map(([name]) => name))
  for (const mod of reach(entryPoints(manifest, { testing: false })))
    for (const f of [`${mod}.js`, `${mod}.d.ts`].filter((x) => has.has(x)))
      for (const dep of packageImports(read(f)))
        if (optionalPeers.has(dep))
          problems.push(`${f} imports ${dep}, an optional peer, outside the testing entry points`)
  for (const f of compiled)
    if (f.startsWith('dist/') && f.endsWith('.js') && !TEST_FILE.test(f) && !reached.has(moduleOf(f)))
      problems.push(`${f} is not reachable from exports or bin: test support, or a stale build output?`)

  for (const f of files.filter((x) => x.endsWith('.map'))) {
    const sources = JSON.parse(read(f)).sources ?? []
    for (const s of sources) {
      const src = posix.normalize(posix.join(posix.dirname(f), s))
      if (!has.has(src)) problems.push(`${f} maps to ${src}, which the tarball does not hold`)
    }
  }
  return problems
}

// ---------------------------------------------------------------------------------------------
// The shell: pack, install, type-check, run
// ---------------------------------------------------------------------------------------------

class StepFailed extends Error {}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`
const out = (line = '') => process.stdout.write(`${line}\n`)
const indent = (text, prefix = '    | ') =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => prefix + l)
    .join('\n')

/** Runs a command; returns its output and duration, or throws naming the step with its output. */
const step = (name, command, args, { cwd, env, limit }) => {
  const started = Date.now()
  const r = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    timeout: limit,
    maxBuffer: 64 * 1024 * 1024,
  })
  const ms = Date.now() - started
  if (r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM')
    throw new StepFailed(`${name}: no answer after ${seconds(limit)} (${command} ${args.join(' ')})`)
  if (r.error !== undefined) throw new StepFailed(`${name}: ${r.error.message}`)
  if (r.status !== 0) {
    const tail = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-40).join('\n')
    throw new StepFailed(`${name} failed (exit ${r.status}): ${command} ${args.join(' ')}\n${indent(tail)}`)
  }
  return { stdout: r.stdout, stderr: r.stderr, ms }
}

/** The same, without blocking: the packages are packed side by side. */
const stepAsync = (name, command, args, { cwd, env, limit }) =>
  new Promise((resolve, reject) => {
    const started = Date.now()
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGTERM'), limit)
    child.on('error', (e) => {
      clearTimeout(timer)
      reject(new StepFailed(`${name}: ${e.message}`))
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (signal !== null)
        reject(new StepFailed(`${name}: no answer after ${seconds(limit)} (${command} ${args.join(' ')})`))
      else if (code !== 0) {
        const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-40).join('\n')
        reject(new StepFailed(`${name} failed (exit ${code}): ${command} ${args.join(' ')}\n${indent(tail)}`))
      } else resolve({ stdout, stderr, ms: Date.now() - started })
    })
  })

/** The environment npm runs in: this one without what pnpm put there for its own scripts. */
const npmEnv = () => {
  const keep =
    /^npm_config_(registry|cache|cafile|nodedir|userconfig|strict_ssl|https?_proxy|proxy|noproxy)$/i
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(npm|pnpm)_/i.test(k) || keep.test(k)),
  )
  // better-sqlite3 builds from source where no prebuilt binary can be downloaded: against the
  // system's Node headers when they are there, rather than fetching them.
  if (env['npm_config_nodedir'] === undefined && existsSync('/usr/include/node/node.h'))
    env['npm_config_nodedir'] = '/usr'
  return env
}

/**
 * better-sqlite3 downloads a prebuilt binary at install, or compiles SQLite (minutes on two busy
 * cores) where it cannot. The binary pnpm already built for this Node in the repository is offered
 * to it as a local prebuild (prebuild-install's `local-prebuilds`), so the install takes what a
 * download would have given; the version installed is then the repository's. None on a musl
 * system, or with PARCOURS_SMOKE_FROM_SOURCE=1: the install compiles it.
 */
const offerSqlitePrebuild = (work, env) => {
  if (process.env['PARCOURS_SMOKE_FROM_SOURCE'] === '1') return undefined
  if (process.report?.getReport().header.glibcVersionRuntime === undefined) return undefined
  let dir
  try {
    const fromAdapters = createRequire(join(ROOT, 'packages/adapters/package.json'))
    dir = dirname(fromAdapters.resolve('better-sqlite3/package.json'))
  } catch {
    return undefined
  }
  if (!existsSync(join(dir, 'build/Release/better_sqlite3.node'))) return undefined
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const prebuilds = join(work, 'prebuilds')
  mkdirSync(prebuilds)
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`
  step(
    'tar (better-sqlite3 prebuild)',
    'tar',
    ['-czf', join(prebuilds, name), '-C', dir, 'build/Release/better_sqlite3.node'],
    {
      cwd: work,
      env: process.env,
      limit: LIMIT_MS.pack,
    },
  )
  env['npm_config_better_sqlite3_local_prebuilds'] = prebuilds
  return version
}

const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
const devRange = (name) => `${name}@${rootManifest.devDependencies[name]}`

// The program a user writes: register a young person on the in-memory store through the command
// handler, read the stream back, fold the dashboard.
const PROGRAM = `import {
  createJourneyCommandHandler,
  createVault,
  getInMemoryEventStore,
  getInMemoryKeyStore,
} from '@parcours/adapters'
import { decodeCommand, journeyEventCodec, journeyStreamName, type JourneyEvent, type YouthId } from '@parcours/domain'
import { dashboardProjection, foldEvents, queryDashboard } from '@parcours/projections'

const store = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec })
const vault = createVault({ keyStore: getInMemoryKeyStore() })
const handle = createJourneyCommandHandler({ store, vault })

const youthId = 'youth-0001' as YouthId
const command = decodeCommand({
  type: 'RegisterYouth',
  youthId,
  missionLocaleId: 'ml-lyon',
  on: '2025-01-10',
  counsellorId: 'c-durand',
  birthDate: '2006-04-02',
  rqth: false,
  personalData: null,
})
if (command._tag === 'Left') throw new Error(\`invalid command: \${command.left.paths.join('; ')}\`)
const registered = await handle({ commandId: 'cmd-1', command: command.right, personal: { firstName: 'Zoé' } })()
if (registered._tag === 'Left') throw new Error(\`registration refused: \${registered.left._tag}\`)

const stream = await store.readStream(journeyStreamName(youthId))()
if (stream._tag === 'Left') throw new Error(\`read failed: \${stream.left._tag}\`)
console.log(\`\${journeyStreamName(youthId)}: \${stream.right.map((r) => r.event.type).join(', ')}\`)

const dashboard = queryDashboard(foldEvents(dashboardProjection, stream.right))
console.log(
  \`dashboard \${dashboard.from ?? '-'}..\${dashboard.to ?? '-'}: first receptions \${dashboard.totals.firstReceptions}, accompanied \${dashboard.totals.accompanied}\`,
)
await store.close()
`

// Every other entry point, type-checked only (the testing kits need their optional peers,
// vitest and fast-check, which the project installs beside them).
const SUBPATHS = `import { describeEventStoreConformance, startEsdbStandIn } from '@parcours/adapters/testing'
import { resolveAppend } from '@parcours/adapters/kit'
import { run } from '@parcours/cli'
import { arbJourney, given, journeyFixture } from '@parcours/domain/testing'

export const entryPoints = [describeEventStoreConformance, startEsdbStandIn, resolveAppend, run, arbJourney, given, journeyFixture]
`

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022'],
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    skipLibCheck: false,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    types: ['node'],
    outDir: 'out',
  },
  // Beside the program, every declaration file the libraries ship, reached or not, so that none
  // leans on types a user would not have (an @types package kept in devDependencies, say).
  include: ['smoke.ts', 'subpaths.ts', ...LIBRARIES.map((p) => `node_modules/@parcours/${p}/dist/**/*.d.ts`)],
  exclude: [],
}

const main = async () => {
  const started = Date.now()
  const work = mkdtempSync(join(tmpdir(), 'parcours-pack-smoke-'))
  const keep = process.env['PARCOURS_SMOKE_KEEP'] === '1'
  out('pack-smoke: the packages as a user installs them')
  try {
    // 1. Pack and check each tarball.
    const tarballs = join(work, 'tarballs')
    mkdirSync(tarballs)
    const packed = []
    const allProblems = []
    for (const p of PACKAGES)
      if (!existsSync(join(ROOT, 'packages', p, 'dist')))
        throw new StepFailed(`packages/${p}/dist is missing: run pnpm run build first`)
    const packStarted = Date.now()
    const packs = await Promise.all(
      PACKAGES.map((p) =>
        stepAsync(`pnpm pack (${p})`, 'pnpm', ['pack', '--json', '--pack-destination', tarballs], {
          cwd: join(ROOT, 'packages', p),
          env: process.env,
          limit: LIMIT_MS.pack,
        }),
      ),
    )
    for (const [i, p] of PACKAGES.entries()) {
      const { stdout } = packs[i]
      const info = JSON.parse(stdout)
      // The files as pnpm listed them, read from the package's folder (pnpm rewrites only the
      // package.json it packs, taken from the tarball).
      const dir = join(ROOT, 'packages', p)
      const files = info.files.map((f) => f.path)
      const manifest = JSON.parse(
        step(`tar (${p})`, 'tar', ['-xzOf', info.filename, 'package/package.json'], {
          cwd: work,
          env: process.env,
          limit: LIMIT_MS.pack,
        }).stdout,
      )
      const problems = tarballProblems({ files, manifest, read: (f) => readFileSync(join(dir, f), 'utf8') })
      for (const pr of problems) allProblems.push(`${info.name}: ${pr}`)
      const count = (re) => files.filter((f) => re.test(f)).length
      packed.push({ name: info.name, file: info.filename, files: files.length })
      out(
        `  packed  ${info.name.padEnd(22)} ${relative(tarballs, info.filename).padEnd(32)} ${String(files.length).padStart(4)} files` +
          ` (${count(/^dist\/.*\.js$/)} .js, ${count(/^src\/.*\.ts$/)} sources)  ${Math.round(statSync(info.filename).size / 1024)} kB`,
      )
    }
    if (allProblems.length > 0)
      throw new StepFailed(
        `the tarballs hold what they should not, or miss something:\n${indent(allProblems.join('\n'))}`,
      )
    out(
      `  packed and checked in ${seconds(Date.now() - packStarted)}: no test, fixture or build cache; LICENSE, README.md; no workspace: range;`,
    )
    out(
      '          every import resolves inside it; every module reachable from exports or bin; maps with their sources',
    )

    // 2. Install them with npm into an empty project.
    const project = join(work, 'project')
    mkdirSync(project)
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'smoke', private: true, type: 'module' }),
    )
    const env = npmEnv()
    const sqlite = offerSqlitePrebuild(work, env)
    const extras = [devRange('@types/node'), devRange('vitest'), devRange('fast-check')]
    if (sqlite !== undefined) extras.push(`better-sqlite3@${sqlite}`)
    const install = step(
      'npm install',
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        ...packed.map((t) => t.file),
        ...extras,
      ],
      { cwd: project, env, limit: LIMIT_MS.install },
    )
    // Each @parcours package must be the tarball's, once: never one the registry would give for
    // the version the others depend on.
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8'))
    const ours = Object.entries(lock.packages ?? {}).filter(([k]) =>
      /(^|\/)node_modules\/@parcours\//.test(k),
    )
    const strays = ours.filter(
      ([k, v]) => !k.startsWith('node_modules/@parcours/') || !String(v.resolved).startsWith('file:'),
    )
    if (ours.length !== packed.length || strays.length > 0)
      throw new StepFailed(
        `npm installed @parcours packages from elsewhere than the tarballs: ${ours.map(([k, v]) => `${k} (${v.resolved})`).join(', ')}`,
      )
    out(`  npm install of the ${packed.length} tarballs and ${extras.join(', ')}: ${seconds(install.ms)}`)
    out(
      sqlite === undefined
        ? `          better-sqlite3 compiled from source${env['npm_config_nodedir'] === undefined ? '' : ` (npm_config_nodedir=${env['npm_config_nodedir']})`}`
        : `          better-sqlite3 ${sqlite}: the repository's binary for this Node, offered as a local prebuild`,
    )

    // 3. Type-check the program as a strict consumer, then run it.
    writeFileSync(join(project, 'smoke.ts'), PROGRAM)
    writeFileSync(join(project, 'subpaths.ts'), SUBPATHS)
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2))
    const tscBin = join(ROOT, 'node_modules/typescript/bin/tsc')
    const tscVersion = step('tsc --version', process.execPath, [tscBin, '--version'], {
      cwd: project,
      env,
      limit: LIMIT_MS.tsc,
    })
    const tsc = step('tsc (strict consumer)', process.execPath, [tscBin, '-p', 'tsconfig.json'], {
      cwd: project,
      env,
      limit: LIMIT_MS.tsc,
    })
    out(
      `  tsc ${tscVersion.stdout.trim().replace(/^Version /, '')} (strict, skipLibCheck false, module nodenext, exactOptionalPropertyTypes): no error, ${seconds(tsc.ms)}`,
    )
    out(
      '          smoke.ts (@parcours/domain, /adapters, /projections), subpaths.ts (domain/testing, adapters/kit,',
    )
    out(
      `          adapters/testing, cli) and every .d.ts of ${LIBRARIES.map((p) => `@parcours/${p}`).join(', ')}`,
    )
    const program = step('node out/smoke.js', process.execPath, ['out/smoke.js'], {
      cwd: project,
      env,
      limit: LIMIT_MS.run,
    })
    out('  node out/smoke.js:')
    out(indent(program.stdout))

    // 4. The command.
    const version = step('npx parcours --version', 'npx', ['--no-install', 'parcours', '--version'], {
      cwd: project,
      env,
      limit: LIMIT_MS.run,
    })
    out(`  npx parcours --version: ${version.stdout.trim()}`)
    if (version.stdout.trim() !== rootManifestVersion('cli'))
      throw new StepFailed(
        `parcours --version printed ${version.stdout.trim()}, not ${rootManifestVersion('cli')}`,
      )
    const demoArgs = [
      '--no-install',
      'parcours',
      '--store',
      'memory',
      'demo',
      '--youths',
      '20',
      '--months',
      '2',
      '--no-html',
    ]
    const demo = step('npx parcours demo', 'npx', demoArgs, { cwd: project, env, limit: LIMIT_MS.run })
    const lines = demo.stdout.trimEnd().split('\n')
    out(
      `  npx ${demoArgs.slice(1).join(' ')}: exit 0, ${lines.length} lines (${seconds(demo.ms)}), the first:`,
    )
    out(indent(lines[0] ?? ''))

    return 0
  } catch (e) {
    if (!(e instanceof StepFailed)) throw e
    process.stderr.write(`pack-smoke: FAILED — ${e.message}\n`)
    return 1
  } finally {
    if (keep) out(`  kept ${work}`)
    else {
      const removing = Date.now()
      rmSync(work, { recursive: true, force: true })
      out(`  removed the temporary folder (${seconds(Date.now() - removing)})`)
    }
  }
}

const report = async () => {
  const started = Date.now()
  const code = await main()
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')
  out(
    `pack-smoke: ${code === 0 ? 'ok' : 'failed'} in ${seconds(Date.now() - started)} (${cpus().length} cores, load average ${load})`,
  )
  return code
}

const rootManifestVersion = (p) =>
  JSON.parse(readFileSync(join(ROOT, 'packages', p, 'package.json'), 'utf8')).version

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await report()
