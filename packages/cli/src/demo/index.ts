// The network simulator of `parcours demo`: deterministic from its seed, through the command handler.
export * from './ports.js'
export * from './simulate.js'
export * from './demoPorts.js'
export * from './references.js'
export type { SimulationStats } from './agentContext.js'
