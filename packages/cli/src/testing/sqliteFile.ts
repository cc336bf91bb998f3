import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// ---------------------------------------------------------------------------------------------
// utils for tests: better-sqlite3 as the adapters resolve it, to look into or damage the files
// the CLI writes (the CLI itself never opens SQLite but through the adapters)
// ---------------------------------------------------------------------------------------------

/** A statement, as much of better-sqlite3's as the tests use. */
export interface SqliteStatement {
  readonly get: (...a: unknown[]) => unknown
  readonly all: (...a: unknown[]) => unknown[]
  readonly run: (...a: unknown[]) => unknown
}

/** A database connection, as much of better-sqlite3's as the tests use. */
export interface SqliteFile {
  readonly prepare: (sql: string) => SqliteStatement
  readonly close: () => void
}

const root = fileURLToPath(new URL('../../../..', import.meta.url))

/** Opens a SQLite file with the adapters' better-sqlite3. */
export const openSqliteFile = createRequire(join(root, 'packages/adapters/package.json'))(
  'better-sqlite3',
) as new (path: string, options?: { readonly readonly?: boolean }) => SqliteFile
