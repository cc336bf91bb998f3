import { describe, expect, it } from 'vitest'
import { fromClientActual, toClientExpected } from './expectedRevision.js'

describe('expected and actual revisions against the client', () => {
  it('maps each expectation to the one the server knows', () => {
    expect(toClientExpected('any')).toBe('any')
    expect(toClientExpected('no-stream')).toBe('no_stream')
    expect(toClientExpected('exists')).toBe('stream_exists')
    expect(toClientExpected(0n)).toBe(0n)
    expect(toClientExpected(41n)).toBe(41n)
    expect(toClientExpected(-1n)).toBe('no_stream')
    expect(toClientExpected(-2n)).toBeUndefined()
  })

  it('maps the actual version back, no_stream and -1 alike', () => {
    expect(fromClientActual(5n)).toBe(5n)
    expect(fromClientActual(0n)).toBe(0n)
    expect(fromClientActual('no_stream')).toBe('no-stream')
    expect(fromClientActual(-1n)).toBe('no-stream')
    expect(fromClientActual(undefined)).toBe('no-stream')
  })
})
