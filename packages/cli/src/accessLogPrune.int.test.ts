import { afterAll, describe, expect, it } from 'vitest'
import { inProcessCli } from './testing/inProcessCli.js'

// `parcours access-log prune`: an operator removes the entries older than the retention; the chain
// of those kept still holds, a manager's listing goes on, and nothing younger than 6 months goes.

const cli = inProcessCli('parcours-access-prune-', 'sqlite:store.db')
afterAll(() => cli.remove())

const manager = ['--as', 'manager:m-1@ml-a']
const operator = ['--as', 'operator:o-1']
const listed = async () =>
  (JSON.parse((await cli.ok(...manager, 'access-log', '--json')).out) as { entries: unknown[] }).entries

describe('parcours access-log prune', () => {
  it('removes what is older than the retention, keeps the chain, and refuses anything shorter than 6 months', async () => {
    const today = new Date().toISOString().slice(0, 10)
    await cli.ok(
      ...['register', '--youth', 'y-1', '--mission-locale', 'ml-a', '--counsellor', 'c-1'],
      ...['--birth-date', '2003-05-04', '--first-name', 'Aube', '--last-name', 'Lenoir', '--on', today],
    )
    for (let i = 0; i < 3; i++) await cli.ok(...manager, 'show', '--youth', 'y-1', '--mission-locale', 'ml-a')
    expect(await listed()).toHaveLength(3)

    // Recorded today: a year's retention counted from today keeps them all.
    const none = await cli.ok(...operator, 'access-log', 'prune', '--json')
    expect(JSON.parse(none.out)).toMatchObject({ pruned: 0, anchor: { sequence: 0 } })
    expect(await listed()).toHaveLength(3)

    // Shorter than the minimum: a usage error, nothing removed.
    const short = await cli.parcours(...operator, 'access-log', 'prune', '--keep-months', '3')
    expect(short.code).toBe(2)
    expect(short.err).toContain('kept 6 months at least')
    // Only an operator prunes.
    const byManager = await cli.parcours(...manager, 'access-log', 'prune')
    expect(byManager.code).toBe(1)
    expect(byManager.err).toContain('MaintenanceByOperators')
    expect(await listed()).toHaveLength(3)

    // Two years on, the default retention (12 months) removes them; the log goes on from its anchor.
    const later = `${Number(today.slice(0, 4)) + 2}${today.slice(4, 7)}-01`
    const pruned = await cli.ok(...operator, 'access-log', 'prune', '--at', later)
    expect(pruned.out).toMatch(
      /^Access log: 3 entries recorded before .* removed; the chain now starts after entry 3\.$/m,
    )
    expect(await listed()).toEqual([])
    await cli.ok(...manager, 'show', '--youth', 'y-1', '--mission-locale', 'ml-a')
    const after = (await listed()) as Array<{ sequence: number }>
    expect(after.map((e) => e.sequence)).toEqual([4])
  })
})
