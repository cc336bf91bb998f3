import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Logger } from 'pino'
import type { InboxStore } from '../inbox/inboxStore.js'
import { inboundReceiver } from '../inbox/receiveInbound.js'
import type { RetryPolicy, Scheduler } from '../inbox/scheduler.js'
import { lheoFormationsFlow } from './lheoFlow.js'
import { formationRecords, type FormationOutcome, type Rejection } from './lheoRecords.js'
import { formationReader, type XmlFileError } from './lheoXml.js'
import type { CatalogueFailed, RecordCounts, TrainingCatalogue } from './trainingCatalogue.js'

// ---------------------------------------------------------------------------------------------
// the LHEO import: the file streamed through the SAX reader, each formation validated, its
// records written in one transaction before the next is read. Counters say what was received,
// recorded, duplicated (held already as it is: a re-import writes nothing) and rejected; every
// rejection names its line, its element path and the reason.
// ---------------------------------------------------------------------------------------------

/** What an import did. */
export interface LheoImportReport {
  /** Records read: formations, organismes, actions, sessions. */
  readonly received: number
  readonly recorded: number
  readonly duplicated: number
  /** Records refused, with the children of a refused element. */
  readonly rejected: number
  /** Records of formations parked by the inbox after their tries (`parcours partners retry`); 0 without an inbox. */
  readonly parked: number
  /** The refused elements, in file order. */
  readonly rejections: ReadonlyArray<Rejection>
  readonly formations: number
  /** The most elements held at once while reading: one formation's, whatever the file's size. */
  readonly peakHeldElements: number
  /** Why reading stopped before the end of the file, if it did (what came before is recorded). */
  readonly stoppedAt: XmlFileError | null
}

/** What stops an import: the catalogue failed (what came before its failure is recorded). */
export type LheoImportError = CatalogueFailed & { readonly report: LheoImportReport }

/** The partner inbox an import goes through: each formation a message, acknowledged once recorded. */
export interface LheoInbox {
  readonly store: InboxStore
  readonly scheduler: Scheduler
  readonly retry?: RetryPolicy
}

/**
 * Imports an LHEO 2.3 file, read from `chunks` (e.g. `createReadStream(path, 'utf8')`), into the
 * catalogue. A malformed element is refused and the rest of the file goes on; a file that stops
 * being well-formed XML stops there, with what came before recorded and the line in `stoppedAt`.
 * Through an `inbox`, each formation is a message of the `lheo/formations` flow: a re-delivered
 * one writes nothing, a failing one is retried then parked (never dropped), the counters are kept.
 */
export const importLheo =
  (
    chunks: AsyncIterable<string | Buffer>,
    catalogue: TrainingCatalogue,
    logger?: Logger,
    inbox?: LheoInbox,
  ): TaskEither<LheoImportError, LheoImportReport> =>
  async () => {
    const log = logger?.child({ module: 'lheoImport' })
    const reader = formationReader()
    const rejections: Rejection[] = []
    let [received, recorded, duplicated, parked, formations] = [0, 0, 0, 0, 0]
    // The record counts of the formation the inbox just recorded (the inbox counts formations).
    const last: { counts?: RecordCounts } = {}
    const outcomes = new WeakMap<object, FormationOutcome>()
    const receiver =
      inbox === undefined
        ? undefined
        : inboundReceiver(
            {
              inbox: inbox.store,
              scheduler: inbox.scheduler,
              ...(inbox.retry === undefined ? {} : { retry: inbox.retry }),
              ...(logger === undefined ? {} : { logger }),
            },
            lheoFormationsFlow(catalogue, (c) => (last.counts = c), outcomes),
          )
    const report = (): LheoImportReport => ({
      received,
      recorded,
      duplicated,
      rejected: received - recorded - duplicated - parked,
      parked,
      rejections,
      formations,
      peakHeldElements: reader.peakHeldElements(),
      stoppedAt: reader.error() ?? null,
    })
    const store = async (
      elements: ReturnType<typeof reader.write>,
    ): Promise<Either<LheoImportError, void>> => {
      for (const f of elements) {
        const outcome = formationRecords(f)
        formations++
        received += outcome.received
        rejections.push(...outcome.rejections)
        for (const r of outcome.rejections)
          log?.warn({ line: r.line, path: r.path, reason: r.reason }, 'LHEO element refused')
        if (receiver !== undefined) {
          outcomes.set(f, outcome)
          delete last.counts
          const r = await receiver.receive({ where: `line ${f.line} ${f.path}`, raw: f })
          if (isLeft(r)) {
            received -= outcome.received // not acknowledged: the next import reads it again
            formations--
            return left({ _tag: 'CatalogueFailed', message: r.left.message, report: report() })
          }
          const kept = outcome.records.length
          if (r.right.outcome === 'parked') parked += kept
          else if (r.right.outcome !== 'rejected') {
            // Held already as it is (the inbox knew it): every record of it is a duplicate.
            const c = last.counts ?? { recorded: 0, duplicated: kept }
            recorded += c.recorded
            duplicated += c.duplicated
          }
          continue
        }
        const counts = await catalogue.record(outcome.records)()
        if (isLeft(counts)) {
          received -= outcome.received // not read into the catalogue: the next import reads it again
          formations--
          return left({ ...counts.left, report: report() })
        }
        recorded += counts.right.recorded
        duplicated += counts.right.duplicated
      }
      return right(undefined)
    }
    const decoder = new TextDecoder('utf-8')
    for await (const chunk of chunks) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
      const r = await store(reader.write(text))
      if (isLeft(r)) return r
      if (reader.error() !== undefined) break
    }
    const tail = decoder.decode()
    if (tail !== '' && reader.error() === undefined) {
      const t = await store(reader.write(tail))
      if (isLeft(t)) return t
    }
    const r = await store(reader.close())
    if (isLeft(r)) return r
    const done = report()
    log?.info({ ...done, rejections: done.rejections.length }, 'LHEO file imported')
    return right(done)
  }
