import { resolve } from 'node:path'
import { Option } from '@commander-js/extra-typings'
import { subcommand } from '../cli/configureCommand.js'
import type { WithGlobals } from '../cli/context.js'
import { usageError } from '../cli/errors.js'
import type { CliIo } from '../cli/io.js'
import { parseId, parseIntIn, parseOneOf } from '../cli/parse.js'
import { renderTable } from '../output/table.js'
import { openOfferCatalogue } from '../store/offerCatalogue.js'
import { openOutreach } from '../store/outreach.js'
import { partnerFeedOver, readPartnersFile } from '../store/partnerFeed.js'
import { openSink } from '../store/readModels.js'
import type { StoreSpec } from '../store/storeSpec.js'
import { openTrainingCatalogue } from '../store/trainingCatalogue.js'
import type { CommandModule } from './commandModule.js'

/** Where the accounts file lives: beside a SQLite store, else in the working folder. */
const accountsPathFor = (spec: StoreSpec, cwd: string): string =>
  spec.kind === 'sqlite' ? `${spec.path}.accounts.json` : resolve(cwd, 'parcours.accounts.json')

/** Where the managers' targets live: beside a SQLite store; a memory store keeps them in memory. */
const targetsPathFor = (spec: StoreSpec, cwd: string): string | undefined =>
  spec.kind === 'sqlite'
    ? `${spec.path}.targets.json`
    : spec.kind === 'esdb'
      ? resolve(cwd, 'parcours.targets.json')
      : undefined

/** The environment variable a new account's password is read from (never an argument). */
const PASSWORD_ENV = 'PARCOURS_PASSWORD'

// The password: from PARCOURS_PASSWORD, else the first line of standard input.
const readPassword = async (io: CliIo): Promise<string> => {
  const fromEnv = io.env[PASSWORD_ENV]
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  if (process.stdin.isTTY === true)
    throw usageError(
      `give the password on standard input (echo … | parcours serve accounts add …) or in ${PASSWORD_ENV}.`,
    )
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? ''
}

/**
 * `parcours serve`: the local web module (the JSON API and the pages) on 127.0.0.1 until Ctrl-C;
 * `parcours serve accounts add|list|remove`: the local accounts that log in to it.
 */
export const register: CommandModule['register'] = (command, ctx) => {
  command
    .option(
      '--host <host>',
      'address to listen on (another than 127.0.0.1 only behind a TLS proxy)',
      '127.0.0.1',
    )
    .option('--port <n>', 'port (0: a free one)', parseIntIn(0, 65535), 8480)
    .option('--accounts <file>', 'the local accounts file (default: beside the store, STORE.accounts.json)')
    .option(
      '--partners <file>',
      'the partners file: partner apps read their feed at /api/partner-feed with their token',
    )
    .option(
      '--proxy-header <name>',
      'trust this header for the identity (e.g. X-Parcours-Actor), from --trusted-proxy only',
    )
    .option(
      '--trusted-proxy <address...>',
      "the reverse proxy's address(es); the header is ignored from anywhere else",
    )
    .action(async (o, cmd) => {
      if ((o.proxyHeader === undefined) !== (o.trustedProxy === undefined))
        throw usageError(
          '--proxy-header and --trusted-proxy go together: the header is trusted from that proxy only.',
        )
      const serve = await import('../serve/index.js')
      const env = await ctx.openStore(cmd, { createKeyStore: true })
      const sink = openSink(env, ctx.io.cwd)
      ctx.onDispose(sink.close)
      const feed =
        o.partners === undefined
          ? undefined
          : partnerFeedOver(ctx, cmd, env, sink, readPartnersFile(o.partners, ctx.io.env, ctx.io.cwd))
      const handles = serve.serveHandles({
        env,
        sink,
        catalogue: openTrainingCatalogue(ctx, cmd),
        offers: openOfferCatalogue(ctx, cmd),
        outreach: openOutreach(ctx, cmd, env),
        policy: ctx.access(cmd).policy,
        ...(feed === undefined ? {} : { feed }),
      })
      await handles.refresh()
      const accounts = serve.fileAccounts(
        resolve(ctx.io.cwd, o.accounts ?? accountsPathFor(env.spec, ctx.io.cwd)),
      )
      const targetsPath = targetsPathFor(env.spec, ctx.io.cwd)
      const app = serve.createServeApp({
        handles,
        accounts,
        targets: targetsPath === undefined ? serve.memoryTargets() : serve.fileTargets(targetsPath),
        proxy:
          o.proxyHeader === undefined ? undefined : { header: o.proxyHeader, trusted: o.trustedProxy ?? [] },
      })
      const server = await serve.startServer(app, o.host, o.port)
      ctx.io.stdout.write(
        `Parcours at ${server.url}/ — ${accounts.list().length} local account(s) in ${accounts.path}${o.proxyHeader === undefined ? '' : `, identities from ${o.proxyHeader} via ${(o.trustedProxy ?? []).join(', ')}`}; API at ${server.url}/api/openapi.json (Ctrl-C to stop)\n`,
      )
      await new Promise<void>((done) => {
        process.once('SIGINT', done)
        process.once('SIGTERM', done)
      })
      await server.close()
      ctx.io.stdout.write('Parcours stopped.\n')
    })

  const accounts = subcommand(
    command,
    'accounts',
    'The local accounts that log in to parcours serve',
    ctx.io,
  ).option('--accounts <file>', 'the accounts file (default: beside the store, STORE.accounts.json)')
  const accountsOf = async (cmd: WithGlobals) => {
    const file = (cmd.optsWithGlobals() as { readonly accounts?: string }).accounts
    return (await import('../serve/index.js')).fileAccounts(
      resolve(ctx.io.cwd, file ?? accountsPathFor(ctx.storeSpec(cmd), ctx.io.cwd)),
    )
  }

  subcommand(
    accounts,
    'add',
    `Add an account; its password is read from ${PASSWORD_ENV} or standard input`,
    ctx.io,
  )
    .requiredOption('--login <login>', 'the login', parseId)
    .addOption(
      new Option('--role <role>', 'counsellor, manager or statistician')
        .argParser(parseOneOf(['counsellor', 'manager', 'statistician'] as const))
        .makeOptionMandatory(),
    )
    .option('--id <id>', 'the actor id in the journeys (default: the login)', parseId)
    .option('--mission-locale <id>', "a counsellor's or manager's mission locale", parseId)
    .option('--replace', 'set the account again (new password, role)')
    .option('--json', 'print the account saved as JSON (never its password hash)')
    .action(async (o, cmd) => {
      const store = await accountsOf(cmd)
      const password = await readPassword(ctx.io)
      try {
        const a = await store.add(
          {
            login: o.login,
            role: o.role,
            actorId: o.id ?? o.login,
            missionLocaleId: o.missionLocale ?? null,
          },
          password,
          { replace: o.replace === true },
        )
        const saved = { login: a.login, role: a.role, actorId: a.actorId, missionLocaleId: a.missionLocaleId }
        ctx.io.stdout.write(
          o.json === true
            ? `${JSON.stringify({ ...saved, path: store.path, created: [{ kind: 'account', id: a.login }] }, null, 2)}\n`
            : `Account ${a.login} (${a.role}${a.missionLocaleId === null ? '' : ` of ${a.missionLocaleId}`}, actor id ${a.actorId}) saved in ${store.path}\ncreated account ${a.login}\n`,
        )
      } catch (e) {
        throw usageError((e as Error).message)
      }
    })

  subcommand(accounts, 'list', 'List the accounts (never their password hashes)', ctx.io).action(
    async (_o, cmd) => {
      const store = await accountsOf(cmd)
      const rows = store.list().map((a) => [a.login, a.role, a.actorId, a.missionLocaleId ?? ''])
      ctx.io.stdout.write(
        rows.length === 0
          ? `No account in ${store.path}\n`
          : `${renderTable({ title: `Accounts in ${store.path}`, columns: ['Login', 'Role', 'Actor id', 'Mission locale'], rows })}\n`,
      )
    },
  )

  subcommand(accounts, 'remove', 'Remove an account', ctx.io)
    .requiredOption('--login <login>', 'the login', parseId)
    .action(async (o, cmd) => {
      const store = await accountsOf(cmd)
      if (!store.remove(o.login)) throw usageError(`--login: no account ${o.login} in ${store.path}`)
      ctx.io.stdout.write(`Account ${o.login} removed from ${store.path}\n`)
    })
}
