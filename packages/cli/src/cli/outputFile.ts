import { existsSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { usageError } from './errors.js'

/**
 * The absolute path of a file a command will write (e.g. `--html FILE`), checked before any work
 * starts: its folder must exist and the path must not be a folder. Throws a usage error naming the flag.
 */
export const outputFileFor = (flag: string, path: string, cwd: string): string => {
  const file = resolve(cwd, path)
  const folder = dirname(file)
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw usageError(`${flag}: folder ${folder} does not exist; create it or write elsewhere.`)
  if (existsSync(file) && statSync(file).isDirectory())
    throw usageError(`${flag}: ${file} is a folder; expected a file name.`)
  return file
}
