import type { JourneyCommand, JourneyError, JourneyEvent, Sealed, YouthId } from '@parcours/domain'

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

/** What the simulator needs: send a command through the command handler, seal personal data. */
export interface SimulationPorts {
  readonly send: (commandId: string, command: JourneyCommand) => Promise<SendResult>
  readonly seal: (
    youthId: YouthId,
    fields: DemoPersonalFields,
  ) => Promise<Sealed | { readonly _tag: 'Failed'; readonly message: string }>
}
