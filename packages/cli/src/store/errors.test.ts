import { describe, expect, it } from 'vitest'
import { ExitCode } from '../cli/errors.js'
import { journeyFailure } from './errors.js'

describe('store errors as CLI errors', () => {
  it('an append over the store limit names the stream and both sizes, says nothing was written, exit 3', () => {
    const error = journeyFailure({
      _tag: 'AppendTooLarge',
      streamName: 'journey-42',
      size: 1_300_000,
      maxSize: 1_048_576,
    })
    expect(error.exitCode).toBe(ExitCode.infrastructure)
    expect(error.message).toBe(
      "the events for stream journey-42 take 1300000 bytes, over the store's limit of 1048576 bytes per append; nothing was written",
    )
  })
})
