// Outreach cases: the young people of the school dropout lists a mission locale tries to reach.
export * from './outreachEvents.js'
export * from './outreachDecider.js'
export * from './outreachEventCodec.js'
export * from './outreachRetention.js'
