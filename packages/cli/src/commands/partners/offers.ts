import { isLeft } from 'fp-ts/lib/Either.js'
import {
  FRANCE_TRAVAIL_OFFERS,
  franceTravailClient,
  syncFranceTravailOffers,
  systemScheduler,
  type InboxCounters,
  type InboxFailure,
  type InboxStore,
  type OfferSyncReport,
} from '@parcours/adapters'
import { subcommand } from '../../cli/configureCommand.js'
import type { RunContext, WithGlobals } from '../../cli/context.js'
import { infrastructureError, usageError } from '../../cli/errors.js'
import { parseIntIn } from '../../cli/parse.js'
import { authorize } from '../../store/access.js'
import { openOfferCatalogue, openPartnerInbox } from '../../store/offerCatalogue.js'
import type { CommandModule } from '../commandModule.js'

/** The environment variable holding France Travail's client secret (never an option: it would sit in the shell history). */
export const FRANCE_TRAVAIL_SECRET_ENV = 'FRANCE_TRAVAIL_CLIENT_SECRET'

/** One line per failure kept by the inbox: where it came from, its key, its tries and its reason. */
export const failureLines = (failures: ReadonlyArray<InboxFailure>): ReadonlyArray<string> =>
  failures.map(
    (f) =>
      `  ${f.status === 'parked' ? `parked after ${f.attempts} tries` : 'refused'} ${f.where} (${f.flow} ${f.key}): ${f.reason}`,
  )

/** The counters of a flow, as one line. */
export const countsLine = (c: Omit<InboxCounters, 'flow'>): string =>
  `${c.received} received, ${c.recorded} recorded, ${c.duplicated} duplicated, ${c.rejected} rejected, ${c.parked} parked`

/** The lines a sync prints: what it read, its counts, its refusals and the offers found withdrawn. */
export const offerSyncLines = (url: string, r: OfferSyncReport): ReadonlyArray<string> => [
  `France Travail offers from ${url}: ${r.pages} page(s), ${r.total} offer(s) announced; ${countsLine(r.counts)}; ${r.complete ? `${r.withdrawn.length} withdrawn` : 'incomplete: withdrawals not checked'}`,
  ...failureLines(r.failures),
  ...r.withdrawn.map((id) => `  withdrawn upstream: ${id}`),
]

/** The line of a flow's counters over all its runs, `Totals of FLOW: …` (none before its first message). */
export const totalsLines = async (inbox: InboxStore, flow: string): Promise<ReadonlyArray<string>> => {
  const c = await inbox.counters(flow)()
  if (isLeft(c)) throw infrastructureError(`the partner inbox is unavailable: ${c.left.message}`)
  return c.right.map((x) => `Totals of ${x.flow}: ${countsLine(x)}`)
}

const totalsLine = (ctx: RunContext, cmd: WithGlobals) =>
  totalsLines(openPartnerInbox(ctx, cmd), FRANCE_TRAVAIL_OFFERS)

/**
 * `parcours partners offers sync|list`: France Travail's job offers ("Offres d'emploi v2") into
 * the offer catalogue, through the partner inbox; a counsellor proposes one with `offer --partner-offer`.
 */
export const register: CommandModule['register'] = (partners, ctx) => {
  const group = subcommand(partners, 'offers', "France Travail's job offers, in the offer catalogue", ctx.io)

  subcommand(group, 'sync', "Read France Travail's offer search into the offer catalogue (operators)", ctx.io)
    .requiredOption('--url <url>', "the API's root (e.g. https://api.francetravail.io)")
    .requiredOption(
      '--client-id <id>',
      `the OAuth2 client id (its secret from env ${FRANCE_TRAVAIL_SECRET_ENV})`,
    )
    .option('--departement <code>', 'only offers of this département')
    .option('--page-size <n>', 'offers a page (at most 150)', parseIntIn(1, 150), 150)
    .action(async (o, cmd) => {
      authorize(ctx.session(cmd), { kind: 'maintain-store', task: 'import-catalogue' })
      const secret = ctx.io.env[FRANCE_TRAVAIL_SECRET_ENV]
      if (secret === undefined || secret === '')
        throw usageError(`set ${FRANCE_TRAVAIL_SECRET_ENV} to the client secret of ${o.clientId}.`)
      if (!/^https?:\/\/[^\s]+$/.test(o.url)) throw usageError(`--url: '${o.url}' is not an http(s) URL.`)
      const logger = await ctx.logger(cmd)
      const client = franceTravailClient({
        baseUrl: o.url,
        clientId: o.clientId,
        clientSecret: secret,
        scheduler: systemScheduler,
        pageSize: o.pageSize,
        ...(o.departement === undefined ? {} : { criteria: { departement: o.departement } }),
        logger,
      })
      const r = await syncFranceTravailOffers({
        client,
        catalogue: openOfferCatalogue(ctx, cmd),
        inbox: openPartnerInbox(ctx, cmd),
        scheduler: systemScheduler,
        logger,
      })
      const report = isLeft(r) ? r.left.report : r.right
      ctx.io.stdout.write(
        `${[...offerSyncLines(o.url, report), ...(await totalsLine(ctx, cmd))].join('\n')}\n`,
      )
      if (isLeft(r))
        throw infrastructureError(
          `${r.left.message}; what came before is recorded, sync again once it is back`,
        )
      if (r.right.stoppedBy !== null)
        throw infrastructureError(
          `France Travail: ${r.right.stoppedBy.reason}; the pages before are recorded, sync again later`,
        )
    })

  subcommand(group, 'list', 'List the offers of the offer catalogue', ctx.io)
    .option('--withdrawn', 'only the offers withdrawn upstream')
    .option('--all', 'open and withdrawn offers')
    .option('--json', 'print as JSON')
    .action(async (o, cmd) => {
      ctx.session(cmd)
      const listed = await openOfferCatalogue(ctx, cmd).list()()
      if (isLeft(listed))
        throw infrastructureError(`the offer catalogue is unavailable: ${listed.left.message}`)
      const rows = listed.right.filter((x) =>
        o.all === true ? true : o.withdrawn === true ? x.withdrawnAt !== null : x.withdrawnAt === null,
      )
      if (o.json === true) {
        ctx.io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
        return
      }
      ctx.io.stdout.write(
        [
          `${rows.length} offer(s) in the offer catalogue`,
          ...rows.map(
            (x) =>
              `  ${x.id}  ${x.contractType}${x.apprenticeship ? ' alternance' : ''}  ${x.romeCode ?? '-'}  ${x.place}  ${x.title}${x.withdrawnAt === null ? '' : `  (withdrawn ${x.withdrawnAt.slice(0, 10)})`}`,
          ),
          '',
        ].join('\n'),
      )
    })
}
