import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Logger } from 'pino'
import type { KeyId, LocalDate, MissionLocaleId, Sealed } from '@parcours/domain'
import type { Vault } from '../../vault/vault.js'
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
// key, and its case opened — one row recorded before the next is read. A row already imported
// (same list and row ids) writes nothing; a malformed row is refused with its line and the rest
// goes on; a file that stops being CSV (an unclosed quote) stops there, what came before recorded.
// ---------------------------------------------------------------------------------------------

/** What a dropout list import did. */
export interface DropoutImportReport {
  readonly received: number
  readonly recorded: number
  readonly duplicated: number
  readonly rejected: number
  /** The refused rows, in file order. */
  readonly rejections: ReadonlyArray<DropoutRejection>
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
  /** The mission locale a postcode belongs to; undefined refuses the row. */
  readonly missionLocaleFor: (postcode: string) => MissionLocaleId | undefined
  /** The day the cases open (the import's day). */
  readonly on: LocalDate
  readonly logger?: Logger
}

// The decider never reads the identity: the open command carries this until the row is sealed.
const notYetSealed: Sealed = { keyId: 'unsealed' as KeyId, alg: 'A256GCM', iv: '', ciphertext: '', tag: '' }

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
    let [received, recorded, duplicated] = [0, 0, 0]
    let stoppedAt: DropoutImportReport['stoppedAt'] = null
    const report = (): DropoutImportReport => ({
      received,
      recorded,
      duplicated,
      rejected: rejections.length,
      rejections,
      stoppedAt,
    })
    const refuse = (r: DropoutRejection) => {
      rejections.push(r)
      log?.warn({ line: r.line, reason: r.reason }, 'dropout row refused')
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
          refuse({ line, rowId: null, reason: `expected ${header.length} fields, got ${record.length}` })
          continue
        }
        const fields = Object.fromEntries(header.map((h, i) => [h, record[i]]))
        const row = validateDropoutRow(fields, line)
        if (isLeft(row)) {
          refuse(row.left)
          continue
        }
        const missionLocaleId = input.missionLocaleFor(row.right.postcode)
        if (missionLocaleId === undefined) {
          refuse({
            line,
            rowId: row.right.rowId,
            reason: 'code_postal: no mission locale covers this postcode',
          })
          continue
        }
        const caseId = outreachCaseIdOf(row.right.listId, row.right.rowId)
        const identity = row.right.identity
        const done = await input.handle({
          commandId: `open-${caseId}`,
          command: {
            type: 'OpenOutreachCase',
            caseId,
            missionLocaleId,
            listId: row.right.listId,
            on: input.on,
            identity: notYetSealed,
          },
          complete: (c) => async () => {
            const sealed = await input.vault.seal(outreachVaultSubject(caseId), identity)()
            return isLeft(sealed) ? sealed : right({ ...c, identity: sealed.right })
          },
        })()
        if (isLeft(done)) {
          const e = done.left
          if (e._tag === 'Rejected' && e.error._tag === 'OutreachCaseAlreadyOpen') {
            duplicated++
            continue
          }
          received--
          return failed(describeOutreachFailure(e))
        }
        if (done.right.replayed) duplicated++
        else recorded++
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
