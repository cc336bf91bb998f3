import type Database from 'better-sqlite3'

// ---------------------------------------------------------------------------------------------
// model: the schema, versioned with `PRAGMA user_version`; migration N brings version N-1 to N.
// ---------------------------------------------------------------------------------------------

/** Each entry upgrades the schema by one version; never edit a published one, add a new one. */
export const migrations: ReadonlyArray<string> = [
  `CREATE TABLE events (
     position     INTEGER PRIMARY KEY,
     event_id     TEXT    NOT NULL UNIQUE,
     stream_name  TEXT    NOT NULL,
     revision     INTEGER NOT NULL,
     event_type   TEXT    NOT NULL,
     data         TEXT    NOT NULL,
     metadata     TEXT,
     recorded_at  TEXT    NOT NULL,
     UNIQUE (stream_name, revision)
   );
   CREATE INDEX events_by_type ON events (event_type, position);`,
]

/** The schema version this code writes. */
export const SCHEMA_VERSION = migrations.length

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

/**
 * Brings the file's schema up to date inside one IMMEDIATE transaction, so two processes that
 * open a new file at once migrate it once. Throws (inside the store's open) on a newer schema.
 *
 * @internal the store's own; left out of the published declarations (it takes a better-sqlite3
 * handle, whose types a user of the package need not install).
 */
export const migrate = (db: Database.Database): void => {
  db.transaction(() => {
    const version = Number(db.pragma('user_version', { simple: true }))
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `the event store file has schema version ${version}, newer than this code's ${SCHEMA_VERSION}`,
      )
    }
    for (const migration of migrations.slice(version)) db.exec(migration)
    if (version !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`)
  }).immediate()
}
