import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { isLeft } from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generateLheo, type LheoGeneratorOptions } from './generateLheo.js'
import { importLheo } from './importLheo.js'
import { getSqliteTrainingCatalogue } from './trainingCatalogue.js'

// ---------------------------------------------------------------------------------------------
// A generated regional file on disk, streamed into a SQLite catalogue: the reader holds one
// formation at a time, whatever the file's size; a re-import writes nothing.
// ---------------------------------------------------------------------------------------------

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parcours-lheo-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const write = async (name: string, options: LheoGeneratorOptions) => {
  const path = join(dir, name)
  await pipeline(Readable.from(generateLheo(options)), createWriteStream(path))
  return path
}
const importFile = async (path: string, db = 'catalogue.db') => {
  const catalogue = getSqliteTrainingCatalogue({ path: join(dir, db) })
  try {
    const r = await importLheo(createReadStream(path, { highWaterMark: 64 * 1024 }), catalogue)()
    if (isLeft(r)) throw new Error(r.left.message)
    return r.right
  } finally {
    catalogue.close()
  }
}

describe('LHEO import of a large file', () => {
  it('streams it: the elements held at once are one formation’s, for a file ten times larger', async () => {
    const small = await write('small.xml', { formations: 200, seed: 1 })
    const large = await write('large.xml', { formations: 2000, seed: 1, malformedSessionEvery: 100 })
    const [s, l] = [await importFile(small, 'small.db'), await importFile(large, 'large.db')]
    console.log(
      `LHEO streaming: ${statSync(large).size} bytes, ${l.formations} formations, ${l.received} records received, ${l.recorded} recorded, ${l.duplicated} duplicated, ${l.rejected} rejected; at most ${l.peakHeldElements} elements held at once (${s.peakHeldElements} for a file of ${statSync(small).size} bytes)`,
    )
    expect(statSync(large).size).toBeGreaterThan(4_000_000)
    expect(l.formations).toBe(2000)
    expect(l.rejected).toBe(20)
    expect(l.peakHeldElements).toBe(s.peakHeldElements)
    expect(l.peakHeldElements).toBeLessThan(200)
  })

  it('writes nothing when the same file is imported again into the SQLite catalogue', async () => {
    const path = await write('region.xml', { formations: 300, seed: 9, untitledEvery: 50 })
    const first = await importFile(path)
    const again = await importFile(path)
    expect([again.received, again.recorded, again.rejected]).toEqual([first.received, 0, first.rejected])
    expect(again.duplicated).toBe(first.received - first.rejected)
    const catalogue = getSqliteTrainingCatalogue({ path: join(dir, 'catalogue.db') })
    try {
      const formations = await catalogue.list('formation')()
      expect(isLeft(formations) ? formations.left : formations.right.length).toBe(294)
      const session = await catalogue.session('F000001-A1', 'S1')()
      expect(isLeft(session) ? session.left : session.right?.formationId).toBe('F000001')
    } finally {
      catalogue.close()
    }
  })
})
