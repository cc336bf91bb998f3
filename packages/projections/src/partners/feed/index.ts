// The feed partner apps poll: notices as a projection, each partner's cursor, the HTTP server, a client and a simulated app.
export * from './notices.js'
export * from './feedProjection.js'
export * from './queryFeed.js'
export * from './cursorStore.js'
export * from './partnerFeed.js'
export * from './feedServer.js'
export * from './feedClient.js'
export * from './simulatedPartnerApp.js'
