// Generates the API reference (`pnpm docs`): HTML for every package's public entry points (the
// `exports` of each packages/*/package.json, subpaths included) into docs/api/, with TypeDoc.
// The options are in typedoc.json: validation on (an export not documented, a broken `{@link}`, a
// type used but not exported) and every warning an error, so the run fails on any of them.
// Every exported declaration, and every function-valued member of an exported interface or type,
// must have a doc comment (typedoc.json `requiredToBeDocumented`); plain data properties need not
// (the fields of the types io-ts infers from the codecs are described in docs/events.md).
// `--check` validates without writing the HTML.
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Application } from 'typedoc'
import { entryPoints } from './check-api-docs.mjs'

const packageOf = (specifier) => specifier.split('/').slice(0, 2).join('/')

const repository = resolve(import.meta.dirname, '..')

// Each entry point's module is named after its import specifier (`@parcours/adapters/testing`)
// rather than after its path (`adapters/src/testing`).
const nameModules = (project, entries) => {
  const bySource = new Map(entries.map((e) => [e.file, e.specifier]))
  for (const module of project.children ?? []) {
    const file = module.sources?.[0]?.fullFileName
    const specifier = file === undefined ? undefined : bySource.get(resolve(file))
    if (specifier !== undefined) module.name = specifier
  }
}

/** Converts, validates and (unless `check`) renders the API reference; resolves to the problem count. */
export const generateApiDocs = async ({ root = repository, check = false } = {}) => {
  const entries = entryPoints(root)
  const app = await Application.bootstrapWithPlugins({
    options: join(root, 'typedoc.json'),
    entryPoints: entries.map((e) => e.file),
    packagesRequiringDocumentation: [...new Set(entries.map((e) => packageOf(e.specifier)))],
  })
  const project = await app.convert()
  if (project === undefined) return 1
  nameModules(project, entries)
  app.validate(project)
  if (app.logger.hasErrors() || app.logger.hasWarnings())
    return app.logger.errorCount + app.logger.warningCount
  if (!check) await app.generateDocs(project, app.options.getValue('out'))
  return 0
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now()
  const check = process.argv.includes('--check')
  const problems = await generateApiDocs({ check })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (problems > 0) {
    console.error(`API reference: ${problems} problem(s) above; fix them and run \`pnpm docs\` again`)
    process.exit(1)
  }
  console.log(
    check
      ? `API reference: valid (${seconds} s)`
      : `API reference: docs/api/index.html written (${seconds} s)`,
  )
}
