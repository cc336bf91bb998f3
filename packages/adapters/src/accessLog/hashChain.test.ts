import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AccessLogEntry, MissionLocaleId, RecordedAccess, YouthId } from '@parcours/domain'
import { brokenLink, GENESIS, sealEntry } from './hashChain.js'
import { getInMemoryAccessLog } from './inMemoryAccessLog.js'

const arbEntry: fc.Arbitrary<AccessLogEntry> = fc.record({
  at: fc.constantFrom('2025-03-01T10:00:00.000Z', '2025-03-01T10:00:01.000Z'),
  actor: fc.constantFrom('counsellor:c-1@ml-a', 'manager:m-1@ml-b'),
  youthId: fc.constantFrom('y-1', 'y-2') as fc.Arbitrary<YouthId>,
  missionLocaleId: fc.constantFrom('ml-a', 'ml-b') as fc.Arbitrary<MissionLocaleId>,
  purpose: fc.constantFrom('show' as const, 'access-request' as const),
  opened: fc.subarray(['identity', 'comments'] as const),
})

const chain = (entries: ReadonlyArray<AccessLogEntry>): RecordedAccess[] =>
  entries.reduce<RecordedAccess[]>(
    (acc, e) => [...acc, sealEntry(acc[acc.length - 1]?.hash ?? GENESIS, acc.length + 1, e)],
    [],
  )

describe('the access log hash chain', () => {
  it('holds for every chain it builds', () => {
    fc.assert(
      fc.property(fc.array(arbEntry, { maxLength: 8 }), (es) => {
        expect(brokenLink(chain(es))).toBeUndefined()
      }),
    )
  })

  it('finds any change, removal, reordering or insertion, at the first entry it touches', () => {
    fc.assert(
      fc.property(
        fc.array(arbEntry, { minLength: 2, maxLength: 8 }),
        fc.nat(),
        fc.constantFrom('change', 'remove', 'swap'),
        (es, n, how) => {
          const entries = chain(es)
          const i = n % (entries.length - 1)
          const at = entries[i] as RecordedAccess
          const tampered =
            how === 'change'
              ? entries.map((e, k) => (k === i ? { ...e, actor: `${e.actor}x` } : e))
              : how === 'remove'
                ? entries.filter((_, k) => k !== i)
                : entries.map((e, k) => (k === i ? (entries[i + 1] as RecordedAccess) : k === i + 1 ? at : e))
          expect(brokenLink(tampered)?.sequence).toBe(i + 1)
        },
      ),
    )
  })

  it('lists the entries of one mission locale, and fails once an entry was changed', async () => {
    const log = getInMemoryAccessLog()
    const base = { at: '2025-03-01T10:00:00.000Z', purpose: 'show', opened: ['identity'] } as const
    await log.record({
      ...base,
      actor: 'counsellor:c-1@ml-a',
      youthId: 'y-1' as YouthId,
      missionLocaleId: 'ml-a' as MissionLocaleId,
    })()
    await log.record({
      ...base,
      actor: 'manager:m-1@ml-b',
      youthId: 'y-2' as YouthId,
      missionLocaleId: 'ml-b' as MissionLocaleId,
    })()
    const listed = await log.list({ missionLocaleId: 'ml-a' as MissionLocaleId })()
    expect(listed._tag === 'Right' && listed.right.map((e) => [e.sequence, e.youthId])).toEqual([[1, 'y-1']])
    ;(log.entries() as RecordedAccess[])[0] = {
      ...(log.entries()[0] as RecordedAccess),
      youthId: 'y-9' as YouthId,
    }
    expect(await log.list({ missionLocaleId: 'ml-b' as MissionLocaleId })()).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'AccessLogTampered', sequence: 1 },
    })
  })
})
