// Reproducible journey histories for the benchmarks: valid journeys from the domain's testing kit
// (fixed seed), used as templates and copied, with fresh ids, to as many young people as asked.
// The copies are streamed into a SQLite event store file in large transactions, never held in
// memory, in the rows the store itself writes (codec-encoded JSON, schema version, tenant).
import fc from 'fast-check'
import { getSqliteEventStore } from '@parcours/adapters'
import { journeyEventCodec } from '@parcours/domain'
import { arbJourneyHistory } from '@parcours/domain/testing'
import Database from 'better-sqlite3'

/** `count` template journeys over `missionLocales` locales, each an array of encoded rows. */
export const templates = (count, missionLocales = 4, steps = { min: 10, max: 50 }) => {
  const [scripts] = fc.sample(arbJourneyHistory({ youths: count, missionLocales, steps }), {
    numRuns: 1,
    seed: 2026,
  })
  return scripts.map((s) =>
    s.events.map((event) => {
      const encoded = journeyEventCodec.encode(event)
      if (encoded._tag === 'Left') throw new Error(`template event fails its codec: ${encoded.left._tag}`)
      return {
        type: encoded.right.type,
        schemaVersion: encoded.right.schemaVersion,
        data: JSON.stringify(encoded.right.data),
        tenant: event.missionLocaleId,
      }
    }),
  )
}

/**
 * Writes the journeys of `youths` young people over `missionLocales` locales into the SQLite
 * event store at `path`: young person i follows template i mod templates, with its own ids and
 * locales shifted by i. Streams are interleaved by blocks of 1,000 young people, as a year's
 * appends would be. Returns the number of events written.
 */
export const writeNational = async ({ path, youths, missionLocales, pool, onProgress }) => {
  const store = getSqliteEventStore({ path, codec: journeyEventCodec })
  await store.close() // it creates the schema, nothing more
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = OFF')
  const insert = db.prepare(
    'INSERT INTO events (event_id, stream_name, revision, event_type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const shift = (json, i) =>
    json
      .replace(/youth-\d+/g, `youth-${i + 1}`)
      .replace(/\bml-(\d+)/g, (_, n) => `ml-${((Number(n) - 1 + i) % missionLocales) + 1}`)
  const block = 1000
  let written = 0
  const writeBlock = db.transaction((first) => {
    const last = Math.min(youths, first + block)
    const cursors = new Array(last - first).fill(0)
    let open = last - first
    while (open > 0) {
      open = 0
      for (let k = 0; k < last - first; k++) {
        const i = first + k
        const journey = pool[i % pool.length]
        const r = cursors[k]
        if (r >= journey.length) continue
        open++
        cursors[k] = r + 1
        const row = journey[r]
        const tenant = shift(row.tenant, i)
        insert.run(
          `youth-${i + 1}-${r}`,
          `journey-youth-${i + 1}`,
          r,
          row.type,
          shift(row.data, i),
          `{"schemaVersion":${row.schemaVersion},"tenant":"${tenant}"}`,
          '2026-01-01T00:00:00.000Z',
        )
        written++
      }
    }
  })
  for (let first = 0; first < youths; first += block) {
    writeBlock(first)
    onProgress?.(Math.min(youths, first + block), written)
  }
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return written
}
