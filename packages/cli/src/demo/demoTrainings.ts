import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { isLeft } from 'fp-ts/lib/Either.js'
import type { Logger } from 'pino'
import {
  generateLheo,
  importLheo,
  systemScheduler,
  type InboxStore,
  type LheoImportReport,
  type TrainingCatalogue,
} from '@parcours/adapters'
import type { TrainingRef } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// the demo's training offers: a regional LHEO file generated from the seed (a few malformed
// sessions among them), imported into the catalogue as a Carif-Oref file would be; training
// proposals then offer the sessions still recruiting
// ---------------------------------------------------------------------------------------------

/** What the demo's catalogue holds: the import's report and the sessions proposals may offer. */
export interface DemoTrainings {
  readonly report: LheoImportReport
  readonly sessions: ReadonlyArray<TrainingRef>
}

/** Generates the demo's LHEO file in a temporary folder, imports it (through the partner inbox when given), and lists the sessions recruiting. */
export const importDemoTrainings = async (
  catalogue: TrainingCatalogue,
  seed: number,
  logger?: Logger,
  inbox?: InboxStore,
): Promise<DemoTrainings | string> => {
  const dir = mkdtempSync(join(tmpdir(), 'parcours-demo-lheo-'))
  try {
    const path = join(dir, 'offres-region.xml')
    await pipeline(
      Readable.from(generateLheo({ formations: 120, seed, malformedSessionEvery: 40 })),
      createWriteStream(path),
    )
    const imported = await importLheo(
      createReadStream(path),
      catalogue,
      logger,
      inbox === undefined ? undefined : { store: inbox, scheduler: systemScheduler },
    )()
    if (isLeft(imported)) return imported.left.message
    const sessions = await catalogue.list('session')()
    if (isLeft(sessions)) return sessions.left.message
    return {
      report: imported.right,
      sessions: sessions.right
        .filter((s) => s.recruitment !== 'closed')
        .map((s) => ({ actionId: s.actionId, sessionId: s.sessionId }) as TrainingRef),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
