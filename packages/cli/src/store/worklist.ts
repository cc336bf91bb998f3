import { isLeft } from 'fp-ts/lib/Either.js'
import { AgeLimits, type LocalDate, type YouthId } from '@parcours/domain'
import {
  cejProjection,
  queryCejAlerts,
  queryWorklist,
  worklistProjection,
  worklistSealedAgeLimits,
  type CejAlert,
  type OpenedAgeLimits,
  type ProjectionSink,
  type Worklist,
} from '@parcours/projections'
import { infrastructureError } from '../cli/errors.js'
import { vaultFailure } from './errors.js'
import type { StoreEnv } from './openStore.js'
import { readModelOf } from './readModels.js'

// ---------------------------------------------------------------------------------------------
// query: a counsellor's worklist (asked for once the access policy allowed it)
// ---------------------------------------------------------------------------------------------

/** Whose worklist: a counsellor of a mission locale. */
export interface WorklistOwner {
  readonly missionLocaleId: string
  readonly counsellorId: string
}

/** The worklist's alerts and the CEJ weeks to act on. */
export interface WorklistRead {
  readonly worklist: Worklist
  readonly cejWeeks: ReadonlyArray<CejAlert>
}

/**
 * The worklist as of a date. The age-limit alert needs the limits, sealed in the read model: they
 * are opened here, for the counsellor's eyes only (a vault failure: exit 3, nothing shown).
 * `withdrawnOffers` (offer id → when found withdrawn) flags the open proposals of withdrawn
 * France Travail offers.
 */
export const readWorklist = async (
  env: Pick<StoreEnv, 'vault'>,
  sink: ProjectionSink,
  whose: WorklistOwner,
  asOf: LocalDate,
  withdrawnOffers?: ReadonlyMap<string, string>,
): Promise<WorklistRead> => {
  // The counsellor's journeys only: the sink reads the documents of their mission locale and counsellor.
  const mine = { where: { missionLocaleId: whose.missionLocaleId, counsellorId: whose.counsellorId } }
  const rm = await readModelOf(sink, worklistProjection, mine)
  const ageLimits = new Map<string, OpenedAgeLimits>()
  for (const { youthId, sealed } of worklistSealedAgeLimits(rm, whose)) {
    const opened = await env.vault.open(sealed, youthId as YouthId)()
    if (isLeft(opened)) throw vaultFailure(opened.left)
    if (opened.right._tag === 'Opened') {
      const limits = AgeLimits.decode(opened.right.fields)
      if (isLeft(limits)) throw infrastructureError(`the sealed age limits of ${youthId} are not age limits`)
      ageLimits.set(youthId, limits.right)
    }
  }
  const worklist = queryWorklist(rm, {
    ...whose,
    asOf,
    ageLimits,
    ...(withdrawnOffers === undefined ? {} : { withdrawnOffers }),
  })
  const cejWeeks = queryCejAlerts(await readModelOf(sink, cejProjection, mine), { ...whose, asOf })
  return { worklist, cejWeeks }
}
