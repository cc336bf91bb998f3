import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bufferIo } from '../cli/io.js'
import { run } from '../main.js'
import { envWithFittingActor } from './fittingActor.js'

// ---------------------------------------------------------------------------------------------
// utils: the CLI run in-process in a temporary folder, for tests
// ---------------------------------------------------------------------------------------------

/** What one in-process run printed, and its exit code. */
export interface CliRun {
  readonly code: number
  readonly out: string
  readonly err: string
}

/**
 * The one harness of the CLI's tests: runs `parcours` in-process in a fresh temporary folder, with
 * PARCOURS_STORE set to `store` when given (e.g. `sqlite:journeys.db`, `memory`) and `globalArgs`
 * before every command's. `ok` throws with the command's stderr unless it exits 0; `stderr` holds
 * what every run wrote there (the logs), in order. A run acts as the actor that fits its command
 * line (`fittingActor`) unless the line says `--as`; `asGiven` runs as nobody unless told.
 */
export const inProcessCli = (prefix: string, store?: string, globalArgs: ReadonlyArray<string> = []) => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const stderr: string[] = []
  const parcours = async (...argv: string[]): Promise<CliRun> => {
    const io = bufferIo(
      envWithFittingActor(store === undefined ? {} : { PARCOURS_STORE: store }, [...globalArgs, ...argv]),
      dir,
    )
    const code = await run([...globalArgs, ...argv], io)
    stderr.push(io.err())
    return { code, out: io.out(), err: io.err() }
  }
  const asGiven = async (env: Readonly<Record<string, string>>, ...argv: string[]): Promise<CliRun> => {
    const io = bufferIo({ ...(store === undefined ? {} : { PARCOURS_STORE: store }), ...env }, dir)
    const code = await run([...globalArgs, ...argv], io)
    return { code, out: io.out(), err: io.err() }
  }
  const ok = async (...argv: string[]): Promise<CliRun> => {
    const r = await parcours(...argv)
    if (r.code !== 0) throw new Error(`parcours ${argv.join(' ')} exited ${r.code}\n${r.err}`)
    return r
  }
  return { dir, parcours, asGiven, ok, stderr, remove: () => rmSync(dir, { recursive: true, force: true }) }
}
