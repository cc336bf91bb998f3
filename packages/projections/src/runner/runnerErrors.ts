import type { JourneyEvent, RecordedEvent, StoreError } from '@parcours/domain'
import type { ProjectionFailed, ProjectionRunError } from './runnerTypes.js'

// ---------------------------------------------------------------------------------------------
// constructors: the runner's errors, each with a message naming what failed.
// ---------------------------------------------------------------------------------------------

/** The error a run ends with when its subscription fails: a decode failure names stream and revision. */
export const subscriptionError = (error: StoreError): ProjectionRunError =>
  error._tag === 'DecodeFailed'
    ? {
        _tag: 'ProjectionDecodeFailed',
        streamName: error.streamName,
        revision: error.revision,
        position: error.position,
        error,
        message: `cannot decode the event at revision ${error.revision} of stream ${error.streamName} (position ${error.position}, type ${error.eventType}): ${error.reason}`,
      }
    : {
        _tag: 'SubscriptionFailed',
        error,
        message: `the subscription failed: ${error._tag}${'message' in error ? `: ${error.message}` : ''}`,
      }

/** A projection threw on an event. */
export const projectionFailed = (
  projection: string,
  recorded: RecordedEvent<JourneyEvent>,
  cause: unknown,
): ProjectionFailed => ({
  _tag: 'ProjectionFailed',
  projection,
  streamName: recorded.streamName,
  revision: recorded.revision,
  message: `projection ${projection} failed on revision ${recorded.revision} of stream ${recorded.streamName}: ${cause instanceof Error ? cause.message : String(cause)}`,
})
