import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Logger } from 'pino'
import type { LocalDate, MissionLocaleId } from '@parcours/domain'
import type { Vault } from '../../vault/vault.js'
import { noCounts, type InboxFailure, type InboxStore } from '../inbox/inboxStore.js'
import { inboundReceiver } from '../inbox/receiveInbound.js'
import { systemScheduler, type RetryPolicy, type Scheduler } from '../inbox/scheduler.js'
import { DROPOUT_ROWS, dropoutRowsFlow, type DropoutRowMessage } from './dropoutFlow.js'
import {
  DROPOUT_COLUMNS,
  missingDropoutColumns,
  validateDropoutRow,
  type DropoutRejection,
} from './dropoutRow.js'
import {
  describeOutreachFailure,
  outreachCaseIdOf,
  outreachVaultSubject,
  type OutreachCommandHandler,
} from './outreachCases.js'

// ---------------------------------------------------------------------------------------------
// the import of a school dropout list: the CSV streamed through csv-parse, each row validated at
// the edge, routed to a mission locale by its postcode, its identity sealed with the case's own
// key, and its case opened through the partner inbox (flow `dropouts/rows`) — one row recorded
// before the next is read. A row already imported (same list and row ids) writes nothing; a row
// whose case cannot be recorded is tried again with backoff, then parked sealed, to be retried
// (`partners retry`); a malformed row is refused with its line and counted, not kept (it is
// personal); a file that stops being CSV (an unclosed quote) stops there, what came before recorded.
// ---------------------------------------------------------------------------------------------

/** What a dropout list import did. */
export interface DropoutImportReport {
  readonly received: number
  readonly recorded: number
  readonly duplicated: number
  readonly rejected: number
  /** The refused rows, in file order. */
  readonly rejections: ReadonlyArray<DropoutRejection>
  /** The rows not recorded after every try, parked in the inbox (sealed) to be retried. */
  readonly parked: ReadonlyArray<InboxFailure>
  /** Why reading stopped before the end of the file, if it did. */
  readonly stoppedAt: { readonly line: number; readonly reason: string } | null
}

/** What stops an import: the store or the vault failed (what came before is recorded). */
export interface DropoutImportFailed {
  readonly _tag: 'DropoutImportFailed'
  readonly message: string
  readonly report: DropoutImportReport
}

/** What an import needs. */
export interface DropoutImportInput {
  readonly handle: OutreachCommandHandler
  readonly vault: Vault
  /** The partner inbox the rows go through (flow DROPOUT_ROWS): idempotence, retries, parking, counters. */
  readonly inbox: InboxStore
  /** The clock the retries wait on (the system's by default). */
  readonly scheduler?: Scheduler
  readonly retry?: RetryPolicy
  /** The mission locale a postcode belongs to; undefined refuses the row. */
  readonly missionLocaleFor: (postcode: string) => MissionLocaleId | undefined
  /** The day the cases open (the import's day). */
  readonly on: LocalDate
  readonly logger?: Logger
}

interface ParsedRecord {
  readonly record: string[]
  readonly info: { readonly lines: number }
}

// The parser's records, in order, every one parsed before an error coming first: a stream's own
// iterator throws at the error and loses what is still buffered.
async function* inOrder(parser: NodeJS.ReadableStream): AsyncGenerator<ParsedRecord> {
  const queue: ParsedRecord[] = []
  let [done, error, wake] = [false, undefined as Error | undefined, (): void => undefined]
  parser.on('data', (r: ParsedRecord) => {
    queue.push(r)
    if (queue.length >= 64) parser.pause()
    wake()
  })
  parser.on('end', () => ((done = true), wake()))
  parser.on('error', (e: Error) => ((error = e), (done = true), wake()))
  for (;;) {
    const next = queue.shift()
    if (next !== undefined) {
      if (queue.length < 16) parser.resume()
      yield next
    } else if (done) {
      if (error !== undefined) throw error
      return
    } else await new Promise<void>((resolve) => (wake = resolve))
  }
}

/**
 * Imports a dropout list read from `chunks` (e.g. `createReadStream(path)`): `;` or `,` between
 * fields, a header line naming DROPOUT_COLUMNS, UTF-8 (a BOM is skipped).
 */
export const importDropoutList =
  (
    chunks: AsyncIterable<string | Buffer>,
    input: DropoutImportInput,
  ): TaskEither<DropoutImportFailed, DropoutImportReport> =>
  async () => {
    const log = input.logger?.child({ module: 'dropoutImport' })
    const rejections: DropoutRejection[] = []
    const receiver = inboundReceiver(
      {
        inbox: input.inbox,
        scheduler: input.scheduler ?? systemScheduler,
        ...(input.retry === undefined ? {} : { retry: input.retry }),
        ...(input.logger === undefined ? {} : { logger: input.logger }),
      },
      dropoutRowsFlow(input.handle),
    )
    const parked: InboxFailure[] = []
    let [received, recorded, duplicated] = [0, 0, 0]
    let stoppedAt: DropoutImportReport['stoppedAt'] = null
    const report = (): DropoutImportReport => ({
      received,
      recorded,
      duplicated,
      rejected: rejections.length,
      rejections,
      parked,
      stoppedAt,
    })
    const refuse = async (r: DropoutRejection) => {
      rejections.push(r)
      // Counted by the inbox, not kept in it: the row is personal, and the list corrected is imported again.
      const counted = await input.inbox.count(DROPOUT_ROWS, { ...noCounts, received: 1, rejected: 1 })()
      log?.warn({ line: r.line, reason: r.reason }, 'dropout row refused')
      return isLeft(counted) ? `the partner inbox failed: ${counted.left.message}` : null
    }
    const failed = (message: string): Either<DropoutImportFailed, never> =>
      left({ _tag: 'DropoutImportFailed', message, report: report() })

    const parser = parse({
      delimiter: [';', ','],
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    })
    const source = Readable.from(chunks)
    source.on('error', (e) => parser.destroy(e))
    source.pipe(parser)
    let header: ReadonlyArray<string> | null = null
    try {
      for await (const { record, info } of inOrder(parser)) {
        const line = info.lines
        if (header === null) {
          header = record.map((h) => h.trim().toLowerCase())
          const missing = missingDropoutColumns(header)
          if (missing.length > 0) {
            stoppedAt = {
              line,
              reason: `the header lacks column(s) ${missing.join(', ')} (expected ${DROPOUT_COLUMNS.join(';')})`,
            }
            break
          }
          continue
        }
        received++
        if (record.length !== header.length) {
          const e = await refuse({
            line,
            rowId: null,
            reason: `expected ${header.length} fields, got ${record.length}`,
          })
          if (e !== null) return failed(e)
          continue
        }
        const fields = Object.fromEntries(header.map((h, i) => [h, record[i]]))
        const row = validateDropoutRow(fields, line)
        if (isLeft(row)) {
          const e = await refuse(row.left)
          if (e !== null) return failed(e)
          continue
        }
        const missionLocaleId = input.missionLocaleFor(row.right.postcode)
        if (missionLocaleId === undefined) {
          const e = await refuse({
            line,
            rowId: row.right.rowId,
            reason: 'code_postal: no mission locale covers this postcode',
          })
          if (e !== null) return failed(e)
          continue
        }
        const { listId, rowId } = row.right
        const sealed = await input.vault.seal(
          outreachVaultSubject(outreachCaseIdOf(listId, rowId)),
          row.right.identity,
        )()
        if (isLeft(sealed)) {
          received--
          return failed(describeOutreachFailure(sealed.left))
        }
        const message: DropoutRowMessage = {
          line,
          listId,
          rowId,
          missionLocaleId,
          on: input.on,
          identity: sealed.right,
        }
        const done = await receiver.receive({ where: `line ${line}`, raw: message })
        if (isLeft(done)) {
          received--
          return failed(`the partner inbox failed: ${done.left.message}`)
        }
        const { outcome, failure } = done.right
        if (outcome === 'recorded') recorded++
        else if (outcome === 'duplicated') duplicated++
        else if (failure !== undefined) parked.push(failure)
      }
    } catch (e) {
      const err = e as { message?: string; lines?: number }
      stoppedAt = {
        line: err.lines ?? 0,
        reason: (err.message ?? String(e)).replace(/^Invalid Record Length: /, ''),
      }
    }
    source.destroy()
    parser.destroy()
    const r = report()
    log?.info({ ...r, rejections: r.rejections.length }, 'dropout list imported')
    return right(r)
  }
