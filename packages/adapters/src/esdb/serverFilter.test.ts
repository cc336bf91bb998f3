import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { matchesFilter } from '../subscriptions/index.js'
import { allOptions, isSystemEvent, serverFilter } from './serverFilter.js'

const nameArb = fc.string({ minLength: 1, maxLength: 8 })
const filterArb = fc.record(
  { streamPrefixes: fc.array(nameArb, { maxLength: 3 }), eventTypes: fc.array(nameArb, { maxLength: 3 }) },
  { requiredKeys: [] },
)

/** What the server would let through: the expression it is sent, applied as the server applies it. */
const serverPasses = (filter: ReturnType<typeof serverFilter>, streamName: string, type: string): boolean => {
  const onStream = filter.options.hasStreamIdentifier()
  const expression = onStream ? filter.options.getStreamIdentifier() : filter.options.getEventType()
  const value = onStream ? streamName : type
  const prefixes = expression?.getPrefixList() ?? []
  if (prefixes.length > 0) return prefixes.some((p) => value.startsWith(p))
  return new RegExp(expression?.getRegex() ?? '').test(value)
}

describe('serverFilter', () => {
  it('with categories, keeps what the port filter keeps under them, and the server sends nothing else', () => {
    const short = fc.constantFrom('a', 'ab', 'b', 'abc', 'ba')
    const categoriesArb = fc.array(short, { minLength: 1, maxLength: 2 })
    const smallFilter = fc.record(
      { streamPrefixes: fc.array(short, { maxLength: 2 }), eventTypes: fc.array(short, { maxLength: 2 }) },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(
        smallFilter,
        categoriesArb,
        short,
        fc.string({ maxLength: 3 }),
        short,
        (filter, categories, head, tail, type) => {
          const streamName = head + tail
          const server = serverFilter(filter, 32, categories)
          const owned = categories.some((c) => streamName.startsWith(c))
          expect(server.keep(streamName, type)).toBe(
            owned && matchesFilter(filter, streamName, type) && !isSystemEvent(streamName, type),
          )
          if (serverPasses(server, streamName, type)) expect(owned).toBe(true)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('keeps exactly what the port filter keeps, minus system events', () => {
    fc.assert(
      fc.property(filterArb, nameArb, nameArb, (filter, streamName, type) => {
        const keep = serverFilter(filter, 32).keep(streamName, type)
        expect(keep).toBe(matchesFilter(filter, streamName, type) && !isSystemEvent(streamName, type))
      }),
      { numRuns: 300 },
    )
  })

  it('never lets the server drop an event we keep', () => {
    fc.assert(
      fc.property(filterArb, nameArb, nameArb, (filter, streamName, type) => {
        const server = serverFilter(filter, 32)
        if (server.keep(streamName, type)) expect(serverPasses(server, streamName, type)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('matches event types exactly, even with regex characters in them', () => {
    const server = serverFilter({ eventTypes: ['A.b', 'C+'] }, 32)
    expect(serverPasses(server, 's', 'A.b')).toBe(true)
    expect(serverPasses(server, 's', 'AXb')).toBe(false)
    expect(serverPasses(server, 's', 'C+')).toBe(true)
    expect(serverPasses(server, 's', 'CC')).toBe(false)
    expect(serverPasses(server, 's', 'A.bc')).toBe(false)
  })

  it('keeps system events out on the server when there is no filter, and sets the checkpoint interval', () => {
    const server = serverFilter(undefined, 7)
    expect(serverPasses(server, '$stats', '$statsCollected')).toBe(false)
    expect(serverPasses(server, 'journey-1', 'YouthRegistered')).toBe(true)
    expect(server.options.getMax() * server.options.getCheckpointintervalmultiplier()).toBe(7)
  })

  it('reads a negative position as the start, as the other stores do, instead of a request that cannot serialise', () => {
    expect(allOptions(-1n).hasStart()).toBe(true)
    expect(allOptions(-1n).hasPosition()).toBe(false)
    expect(allOptions(0n).getPosition()?.getCommitPosition()).toBe('0')
  })
})
