import * as t from 'io-ts'
import { KeyId } from './ids.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/**
 * Personal data encrypted at the edge (the vault) with the young person's own key.
 * The domain carries it opaquely and never looks inside; erasing the key shreds it.
 */
export const Sealed = t.type(
  {
    keyId: KeyId,
    alg: t.literal('A256GCM'),
    iv: t.string,
    ciphertext: t.string,
    tag: t.string,
  },
  'Sealed',
)
export type Sealed = t.TypeOf<typeof Sealed>
