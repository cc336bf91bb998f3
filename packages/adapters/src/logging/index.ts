// Logging: pino redaction of personal data, and the root logger programs create.
export * from './personalDataRedaction.js'
export * from './createParcoursLogger.js'
