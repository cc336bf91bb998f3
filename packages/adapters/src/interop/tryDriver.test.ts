import { describe, expect, it } from 'vitest'
import { messageOf, tryDriver, tryDriverAsync } from './tryDriver.js'

describe('tryDriver', () => {
  it('returns what the call returns, and what it throws as the mapped error', () => {
    expect(tryDriver(() => 42, messageOf)).toEqual({ _tag: 'Right', right: 42 })
    expect(
      tryDriver(
        () => JSON.parse('{') as unknown,
        (e) => ({ _tag: 'Bad', message: messageOf(e) }),
      ),
    ).toEqual({
      _tag: 'Left',
      left: { _tag: 'Bad', message: expect.stringContaining('JSON') },
    })
    expect(
      tryDriver(() => {
        throw 'a string' // eslint-disable-line @typescript-eslint/only-throw-error -- drivers throw anything
      }, messageOf),
    ).toEqual({ _tag: 'Left', left: 'a string' })
  })

  it('maps a rejected promise the same way, and never rejects itself', async () => {
    expect(await tryDriverAsync(async () => 'ok', messageOf)()).toEqual({ _tag: 'Right', right: 'ok' })
    expect(await tryDriverAsync(() => Promise.reject(new Error('down')), messageOf)()).toEqual({
      _tag: 'Left',
      left: 'down',
    })
  })
})
