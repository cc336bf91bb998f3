import { isLeft } from 'fp-ts/lib/Either.js'
import { startFeedServer } from '@parcours/projections'
import { subcommand } from '../../cli/configureCommand.js'
import { parseId, parseIntIn } from '../../cli/parse.js'
import { openPartnerFeed, partnerFeedFailure } from '../../store/partnerFeed.js'
import type { CommandModule } from '../commandModule.js'

/**
 * `parcours partners feed serve|list|ack|replay`: the feed of notices partner apps poll. `serve`
 * runs the HTTP feed; the others show or move one partner's place in it, as that partner.
 */
export const register: CommandModule['register'] = (partners, ctx) => {
  const feed = subcommand(
    partners,
    'feed',
    'The feed of notices partner apps poll and acknowledge',
    ctx.io,
  ).option('--partners <file>', 'the partners file (env PARCOURS_PARTNERS; default parcours.partners.json)')
  const partnersFile = (cmd: { optsWithGlobals: () => { partners?: string } }) =>
    cmd.optsWithGlobals().partners

  subcommand(feed, 'serve', 'Serve the feed over HTTP (GET /feed, POST /feed/ack) until Ctrl-C', ctx.io)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0: a free one)', parseIntIn(0, 65535), 8470)
    .action(async (o, cmd) => {
      const service = await openPartnerFeed(ctx, cmd, partnersFile(cmd))
      const server = await startFeedServer({
        feed: service,
        host: o.host,
        port: o.port,
        logger: await ctx.logger(cmd),
      })
      ctx.io.stdout.write(
        `Partner feed for ${service.partners.length} partner(s) at ${server.url}/feed (Ctrl-C to stop)\n`,
      )
      await new Promise<void>((done) => {
        process.once('SIGINT', done)
        process.once('SIGTERM', done)
      })
      await server.close()
      ctx.io.stdout.write('Partner feed stopped.\n')
    })

  subcommand(feed, 'list', "Print the notices a partner would receive next (its cursor doesn't move)", ctx.io)
    .requiredOption('--partner <id>', 'the partner app', parseId)
    .option(
      '--after <n>',
      "the position to read after (default: the partner's cursor)",
      parseIntIn(0, Number.MAX_SAFE_INTEGER),
    )
    .option('--limit <n>', 'at most this many notices', parseIntIn(1, 1000), 20)
    .option('--json', 'print the page as JSON')
    .action(async (o, cmd) => {
      const service = await openPartnerFeed(ctx, cmd, partnersFile(cmd))
      const page = await service.page(
        o.partner,
        o.after === undefined ? { limit: o.limit } : { after: o.after, limit: o.limit },
      )()
      if (isLeft(page)) throw partnerFeedFailure(page.left)
      const p = page.right
      if (o.json === true) {
        ctx.io.stdout.write(`${JSON.stringify(p, null, 2)}\n`)
        return
      }
      const lines = p.notices.map(
        (n) =>
          `${String(n.position).padStart(6)}  ${n.date}  ${n.journey}  ${n.object}${n.objectId === null ? '' : ` ${n.objectId}`}  ${n.action}`,
      )
      ctx.io.stdout.write(
        [
          `Feed of ${o.partner}: cursor ${p.cursor}, head ${p.head}; ${p.notices.length} notice(s), up to position ${p.last}`,
          ...lines,
          '',
        ].join('\n'),
      )
    })

  subcommand(feed, 'ack', 'Acknowledge, as a partner, every notice up to a position', ctx.io)
    .requiredOption('--partner <id>', 'the partner app', parseId)
    .requiredOption('--position <n>', 'the last position processed', parseIntIn(0, Number.MAX_SAFE_INTEGER))
    .action(async (o, cmd) => {
      const service = await openPartnerFeed(ctx, cmd, partnersFile(cmd))
      const r = await service.ack(o.partner, o.position)()
      if (isLeft(r)) throw partnerFeedFailure(r.left)
      ctx.io.stdout.write(
        r.right.cursor === r.right.previous
          ? `Cursor of ${o.partner} stays at ${r.right.cursor} (position ${o.position} was acknowledged already).\n`
          : `Cursor of ${o.partner} moved from ${r.right.previous} to ${r.right.cursor} (head ${r.right.head}).\n`,
      )
    })

  subcommand(
    feed,
    'replay',
    "Set a partner's cursor back to a position: the notices after it are given again",
    ctx.io,
  )
    .requiredOption('--partner <id>', 'the partner app', parseId)
    .requiredOption(
      '--from <n>',
      'the position to replay after (0: the whole feed)',
      parseIntIn(0, Number.MAX_SAFE_INTEGER),
    )
    .action(async (o, cmd) => {
      const service = await openPartnerFeed(ctx, cmd, partnersFile(cmd))
      const r = await service.replay(o.partner, o.from)()
      if (isLeft(r)) throw partnerFeedFailure(r.left)
      ctx.io.stdout.write(
        `Cursor of ${o.partner} set from ${r.right.previous} to ${r.right.cursor}: notices after ${r.right.cursor} will be given again.\n`,
      )
    })

  subcommand(feed, 'cursors', "Print every partner's cursor and the feed's head", ctx.io)
    .option('--json', 'print as JSON')
    .action(async (o, cmd) => {
      const service = await openPartnerFeed(ctx, cmd, partnersFile(cmd))
      const r = await service.cursors()()
      if (isLeft(r)) throw partnerFeedFailure(r.left)
      ctx.io.stdout.write(
        o.json === true
          ? `${JSON.stringify(r.right, null, 2)}\n`
          : `${r.right.map((c) => `${c.partnerId}: cursor ${c.cursor} of ${c.head}`).join('\n')}\n`,
      )
    })
}
