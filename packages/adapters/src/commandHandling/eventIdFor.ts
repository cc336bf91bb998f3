import { v5 as uuidV5 } from 'uuid'

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/** The fixed UUID namespace of Parcours event ids: never change it, or retries stop being idempotent. */
const PARCOURS_EVENT_ID_NAMESPACE = '6f1d7f0e-3b7a-5c53-9a54-2f0c8e1d4b21'

/** The id of the `index`-th event a command produces: the same command always yields the same ids. */
export const eventIdFor = (commandId: string, index: number): string =>
  uuidV5(`${commandId}/${index}`, PARCOURS_EVENT_ID_NAMESPACE)
