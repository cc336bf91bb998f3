/** Levels accepted by `--log-level`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
/** A level accepted by `--log-level`. */
export type LogLevel = (typeof LOG_LEVELS)[number]
