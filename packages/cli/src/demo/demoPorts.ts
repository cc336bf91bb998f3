import { isLeft } from 'fp-ts/lib/Either.js'
import {
  describeVaultError,
  type JourneyCommandHandler,
  type JourneyStates,
  type Vault,
} from '@parcours/adapters'
import { describeStoreError, journeyFailure } from '../store/errors.js'
import type { SimulationPorts } from './ports.js'

// ---------------------------------------------------------------------------------------------
// the simulator's ports over the real command handler and vault
// ---------------------------------------------------------------------------------------------

/** Ports that send every command through the journey command handler and seal through the vault. */
export const handlerPorts = (
  handle: JourneyCommandHandler & JourneyStates,
  vault: Vault,
): SimulationPorts => ({
  send: async (commandId, command) => {
    const r = await handle({ commandId, command })()
    if (!isLeft(r)) return { _tag: 'Accepted', events: r.right.events.map((e) => e.event) }
    const e = r.left
    if (e._tag === 'Rejected') return { _tag: 'Refused', error: e.error }
    return {
      _tag: 'Failed',
      message:
        e._tag === 'ConcurrencyConflict' ? `stream ${e.streamName} kept changing` : journeyFailure(e).message,
    }
  },
  journey: async (youthId) => {
    const r = await handle.currentState(youthId)()
    return isLeft(r) ? { _tag: 'Failed', message: describeStoreError(r.left) } : r.right.state
  },
  seal: async (youthId, fields) => {
    const r = await vault.seal(youthId, fields)()
    return isLeft(r) ? { _tag: 'Failed', message: describeVaultError(r.left) } : r.right
  },
})
