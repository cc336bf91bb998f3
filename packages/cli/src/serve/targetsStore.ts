import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { isLeft } from 'fp-ts/lib/Either.js'
import { infrastructureError } from '../cli/errors.js'
import { targetsFromObject, targetsToObject, type Targets } from '../report/targets.js'

// ---------------------------------------------------------------------------------------------
// the targets managers set for their mission locale's indicators: a JSON file beside the store
// (one entry per mission locale, in the form `parcours report --targets` reads), or memory
// ---------------------------------------------------------------------------------------------

/** The targets of each mission locale. */
export interface TargetsStore {
  readonly get: (missionLocaleId: string) => Targets
  readonly set: (missionLocaleId: string, targets: Targets) => void
}

/** Targets held in memory (a memory store). */
export const memoryTargets = (): TargetsStore => {
  const held = new Map<string, Targets>()
  return { get: (ml) => held.get(ml) ?? {}, set: (ml, t) => void held.set(ml, t) }
}

/** Targets kept in `path`, written whole and renamed over (a crash leaves the old file or the new). */
export const fileTargets = (path: string): TargetsStore => {
  const read = (): Record<string, Readonly<Record<string, number>>> => {
    if (!existsSync(path)) return {}
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, Readonly<Record<string, number>>>
    } catch (e) {
      throw infrastructureError(`targets file ${path} cannot be read: ${(e as Error).message}`)
    }
  }
  return {
    get: (ml) => {
      const decoded = targetsFromObject(read()[ml] ?? {})
      if (isLeft(decoded)) throw infrastructureError(`targets file ${path}, ${ml}: ${decoded.left.message}`)
      return decoded.right
    },
    set: (ml, targets) => {
      const all = { ...read(), [ml]: targetsToObject(targets) }
      writeFileSync(`${path}.tmp`, `${JSON.stringify(all, null, 2)}\n`)
      renameSync(`${path}.tmp`, path)
    },
  }
}
