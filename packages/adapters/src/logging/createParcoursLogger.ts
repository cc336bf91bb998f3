import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino'
import { personalDataRedaction } from './personalDataRedaction.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** Options of the root logger: pino's own, and where to write (stderr by default). */
export interface ParcoursLoggerOptions extends Omit<LoggerOptions, 'redact'> {
  readonly destination?: DestinationStream | NodeJS.WritableStream
}

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * The root logger of a program (the CLI, an example): pino with personal-data redaction, writing
 * to the given destination or stderr. Libraries never call this; they take a logger and `child()` it.
 */
export const createParcoursLogger = ({ destination, ...options }: ParcoursLoggerOptions = {}): Logger =>
  pino({ name: 'parcours', ...options, redact: personalDataRedaction }, destination ?? pino.destination(2))
