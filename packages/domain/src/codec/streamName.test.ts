import { describe, expect, test } from 'vitest'
import type { YouthId } from '../model/ids.js'
import { JOURNEY_STREAM_PREFIX, journeyStreamName, youthIdOfStream } from './streamName.js'

describe('journey stream names', () => {
  test('one stream per young person, named after the pseudonymous id', () => {
    expect(JOURNEY_STREAM_PREFIX).toBe('journey-')
    expect(journeyStreamName('y-42' as YouthId)).toBe('journey-y-42')
    expect(youthIdOfStream('journey-y-42')).toBe('y-42')
    expect(youthIdOfStream('projection-checkpoints')).toBeNull()
    expect(youthIdOfStream('journey-')).toBeNull()
  })
})
