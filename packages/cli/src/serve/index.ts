// The local web module of `parcours serve`: the app (API and pages), its server, local accounts.
export * from './app.js'
export * from './server.js'
export * from './handles.js'
export * from './journeyCommand.js'
export * from './auth/accounts.js'
export * from './auth/authenticate.js'
export * from './auth/sessions.js'
export * from './api/openApi.js'
