import { isLeft } from 'fp-ts/lib/Either.js'
import { scanJourneyLog, type LogScan } from '@parcours/adapters'
import type { EventStore, JourneyEvent, RecordedEvent } from '@parcours/domain'
import { infrastructureError } from '../cli/errors.js'
import { describeStoreError } from './errors.js'

export type { LogScan } from '@parcours/adapters'

/** Reads every journey event in log order past undecodable ones (collected); another store failure is exit 3. */
export const scanLog = async (
  store: EventStore<JourneyEvent>,
  onEvent: (recorded: RecordedEvent<JourneyEvent>) => void = () => undefined,
): Promise<LogScan> => {
  const scan = await scanJourneyLog(store, onEvent)()
  if (isLeft(scan)) throw infrastructureError(describeStoreError(scan.left))
  return scan.right
}
