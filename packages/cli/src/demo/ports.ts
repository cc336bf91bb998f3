import type {
  JourneyCommand,
  JourneyError,
  JourneyEvent,
  JourneyState,
  Sealed,
  YouthId,
} from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// model: how the simulator reaches the outside world — the command handler and the vault
// ---------------------------------------------------------------------------------------------

/** What sending one command gave. */
export type SendResult =
  | { readonly _tag: 'Accepted'; readonly events: ReadonlyArray<JourneyEvent> }
  | { readonly _tag: 'Refused'; readonly error: JourneyError }
  | { readonly _tag: 'Failed'; readonly message: string }

/** Personal fields the simulator seals (a subset of the vault's). */
export interface DemoPersonalFields {
  readonly firstName?: string
  readonly lastName?: string
  readonly birthDate?: string
  readonly comment?: string
  readonly ageLimitOn?: string
  readonly cejAgeLimitOn?: string
  readonly householdTaxStatus?: string
  readonly allowanceTerritory?: string
  readonly adultOn?: string
}

/**
 * What the simulator needs: send a command through the command handler, read a journey back from
 * it, seal personal data.
 */
export interface SimulationPorts {
  readonly send: (commandId: string, command: JourneyCommand) => Promise<SendResult>
  /**
   * The young person's journey now, as the handler holds it: read at the start of each day they
   * act, so the simulator keeps no journey between them (its memory does not grow with theirs).
   */
  readonly journey: (
    youthId: YouthId,
  ) => Promise<JourneyState | { readonly _tag: 'Failed'; readonly message: string }>
  readonly seal: (
    youthId: YouthId,
    fields: DemoPersonalFields,
  ) => Promise<Sealed | { readonly _tag: 'Failed'; readonly message: string }>
}
