// Who is asking: actors, what they ask for, and the pure access policy that decides.
export * from './actor.js'
export * from './accessRequest.js'
export * from './accessDecision.js'
export * from './accessPolicy.js'
