// @parcours/cli: the `parcours` program, runnable in-process with the io it reads and writes.
/** Runs `parcours` with raw arguments and an io; resolves with the exit code. */
export { run } from './main.js'
/** The process's io, and one that records what is written (for tests). */
export { bufferIo, processIo, type CliIo, type TextSink } from './cli/io.js'
/** The exit codes of `parcours`, and the one error class its commands throw. */
export { CliError, ExitCode } from './cli/errors.js'
