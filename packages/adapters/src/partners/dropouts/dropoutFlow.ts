import { isLeft, left, right } from 'fp-ts/lib/Either.js'
import { LocalDate, MissionLocaleId, Sealed } from '@parcours/domain'
import type { InboundFlow } from '../inbox/receiveInbound.js'
import { describeOutreachFailure, outreachCaseIdOf, type OutreachCommandHandler } from './outreachCases.js'

// ---------------------------------------------------------------------------------------------
// the dropout list import as an inbox flow: a message is one row of a list, validated and routed
// at the edge, its identity already sealed with its case's key — so the message the inbox parks
// (to retry it) holds the line, the ids, the mission locale and the sealed identity, never a
// personal field in clear. Known by its list and row ids: a row delivered again writes nothing,
// whatever it holds (the case it opened is the young person's since).
// ---------------------------------------------------------------------------------------------

/** The inbox flow of the dropout list rows. */
export const DROPOUT_ROWS = 'dropouts/rows'

/** A dropout row as the inbox receives it: nothing in clear but its ids and where it goes. */
export interface DropoutRowMessage {
  /** Its line in the list's file. */
  readonly line: number
  readonly listId: string
  readonly rowId: string
  readonly missionLocaleId: MissionLocaleId
  /** The day its case opens. */
  readonly on: LocalDate
  /** The row's personal fields, sealed with its case's key. */
  readonly identity: Sealed
}

/** The inbox key of a row: its list and row ids. */
export const dropoutRowKey = (listId: string, rowId: string): string => `${listId}/${rowId}`

const isMessage = (u: unknown): u is DropoutRowMessage => {
  const m = u as Partial<DropoutRowMessage> | null
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.line === 'number' &&
    typeof m.listId === 'string' &&
    typeof m.rowId === 'string' &&
    MissionLocaleId.is(m.missionLocaleId) &&
    LocalDate.is(m.on) &&
    Sealed.is(m.identity)
  )
}

/** The flow of dropout rows into outreach cases: recording a row opens its case. */
export const dropoutRowsFlow = (handle: OutreachCommandHandler): InboundFlow<DropoutRowMessage> => ({
  flow: DROPOUT_ROWS,
  decode: (raw) =>
    isMessage(raw)
      ? right({ key: dropoutRowKey(raw.listId, raw.rowId), value: raw })
      : left({ key: null, reason: 'not a sealed dropout row (line, ids, mission locale, day, identity)' }),
  // A row is the same row whatever it holds: the seal differs at every import.
  fingerprintOf: (m) => dropoutRowKey(m.listId, m.rowId),
  record: (m) => async () => {
    const caseId = outreachCaseIdOf(m.listId, m.rowId)
    const done = await handle({
      commandId: `open-${caseId}`,
      command: {
        type: 'OpenOutreachCase',
        caseId,
        missionLocaleId: m.missionLocaleId,
        listId: m.listId,
        on: m.on,
        identity: m.identity,
      },
    })()
    if (isLeft(done))
      return done.left._tag === 'Rejected' && done.left.error._tag === 'OutreachCaseAlreadyOpen'
        ? right('unchanged' as const)
        : left(describeOutreachFailure(done.left))
    return right(done.right.replayed ? ('unchanged' as const) : ('recorded' as const))
  },
})
