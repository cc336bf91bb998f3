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
 * Runs `parcours` in-process in a fresh temporary folder, with PARCOURS_STORE set to `store`
 * (e.g. `sqlite:journeys.db`), acting as the actor that fits each command line unless it says `--as`. `ok` throws with the command's stderr unless it exits 0.
 */
export const inProcessCli = (prefix: string, store: string, globalArgs: ReadonlyArray<string> = []) => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const parcours = async (...argv: string[]): Promise<CliRun> => {
    const io = bufferIo(envWithFittingActor({ PARCOURS_STORE: store }, argv), dir)
    const code = await run([...globalArgs, ...argv], io)
    return { code, out: io.out(), err: io.err() }
  }
  /** A run that acts as nobody unless its line or `env` says otherwise (for tests of the actor itself). */
  const asGiven = async (env: Readonly<Record<string, string>>, ...argv: string[]): Promise<CliRun> => {
    const io = bufferIo({ PARCOURS_STORE: store, ...env }, dir)
    const code = await run([...globalArgs, ...argv], io)
    return { code, out: io.out(), err: io.err() }
  }
  const ok = async (...argv: string[]): Promise<CliRun> => {
    const r = await parcours(...argv)
    if (r.code !== 0) throw new Error(`parcours ${argv.join(' ')} exited ${r.code}\n${r.err}`)
    return r
  }
  return { dir, parcours, asGiven, ok, remove: () => rmSync(dir, { recursive: true, force: true }) }
}
