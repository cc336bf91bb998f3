import { spawnSync } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { commandIndex } from './commands/index.js'
import { inProcessCli } from './testing/inProcessCli.js'

// The conventions every command follows (the CLI README's "Conventions"), in-process on the
// memory store: nothing is written in the folder.
const { parcours, asGiven, remove } = inProcessCli('parcours-conventions-', 'memory')
afterAll(remove)

const C = ['--as', 'counsellor:c-1@ml-a']
const jsonError = (err: string) => {
  const lines = err.trim().split('\n')
  expect(lines, err).toHaveLength(1)
  return JSON.parse(lines[0] as string) as { error: { code: string; exitCode: number; message: string } }
}

describe('errors under --json', () => {
  it('are one JSON object on stderr, with the exit code and its name, stdout empty', async () => {
    const usage = await parcours(...C, 'offer', '--youth', 'y-1', '--mission-locale', 'ml-a', '--json')
    expect([usage.code, usage.out]).toEqual([2, ''])
    expect(jsonError(usage.err)).toEqual({
      error: { code: 'usage', exitCode: 2, message: "required option '--theme <theme>' not specified" },
    })
    const refused = await parcours(
      ...C,
      'offer',
      '--youth',
      'y-1',
      '--mission-locale',
      'ml-a',
      '--theme',
      'housing',
      '--respond-by',
      '2025-04-01',
      '--json',
    )
    expect([refused.code, refused.out]).toEqual([1, ''])
    expect(jsonError(refused.err).error).toMatchObject({
      code: 'refused',
      exitCode: 1,
      message: expect.stringContaining('by rule OtherMissionLocale') as string,
    })
    const noActor = await asGiven({}, 'report', '--json')
    expect(jsonError(noActor.err).error).toMatchObject({ code: 'usage', exitCode: 2 })
    const infra = await parcours(
      '--as',
      'operator:o-1',
      '--store',
      'sqlite:/nonexistent-parcours-dir/p.db',
      'verify',
      '--json',
    )
    expect(jsonError(infra.err).error).toMatchObject({ code: 'infrastructure', exitCode: 3 })
  })

  it('stay lines without --json', async () => {
    const r = await parcours(...C, 'offer', '--youth', 'y-1', '--mission-locale', 'ml-a')
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/^error: required option '--theme <theme>' not specified\n/)
  })
})

describe('ids', () => {
  it('refuse bidirectional and zero-width characters, never echoing them raw', async () => {
    for (const [c, escaped] of [
      ['\u202e', '\\u202E'],
      ['\u200b', '\\u200B'],
      ['\u0007', '\\u0007'],
      ['\u2066', '\\u2066'],
    ] as const) {
      const r = await parcours(...C, 'show', '--youth', `y-${c}1`, '--mission-locale', 'ml-a')
      expect(r.code).toBe(2)
      expect(r.err).toContain(`found ${escaped} at position 3`)
      expect(r.err).not.toContain(c)
      const json = await parcours(...C, 'show', '--youth', `y-${c}1`, '--mission-locale', 'ml-a', '--json')
      expect(jsonError(json.err).error.message).toContain(`y-${escaped}1`)
      expect(json.err).not.toContain(c)
    }
    const actor = await parcours('--as', 'counsellor:c\u202e1@ml-a', 'alerts', '--counsellor', 'c-1')
    expect([actor.code, actor.err]).toEqual([2, expect.stringContaining('found \\u202E at position 13')])
  })
})

describe("'--'", () => {
  it('is a usage error before a command, or for a command without arguments', async () => {
    for (const argv of [
      ['--', 'report'],
      [...C, '--', 'report'],
      ['report', '--'],
      ['programme', '--', 'enter'],
    ]) {
      const r = await parcours(...argv)
      expect([r.code, r.out], argv.join(' ')).toEqual([2, ''])
    }
    const before = await parcours('--as', 'statistician:s-1', '--', 'report')
    expect(before.err).toContain("'--' came before the command report: write the command first")
    const nested = await parcours(...C, 'programme', '--', 'enter')
    expect(nested.err).toContain("'--' came before the command programme enter")
    const after = await parcours('--as', 'statistician:s-1', 'report', '--')
    expect(after.err).toContain("'--' starts the arguments of a command, and report takes none")
  })
})

describe('names and defaults', () => {
  it('runs a former name as before, with one deprecation line on stderr', async () => {
    const r = await parcours(...C, 'start-training', '--youth', 'y-1', '--mission-locale', 'ml-a')
    const deprecations = r.err.split('\n').filter((l) => l.includes('deprecated'))
    expect(deprecations).toEqual([
      "parcours: 'start-training' is deprecated and will be removed; use 'parcours training start'.",
    ])
    // It reached the command: the journey does not exist, as with the new name.
    const renamed = await parcours(...C, 'training', 'start', '--youth', 'y-1', '--mission-locale', 'ml-a')
    expect([r.code, r.err.replace(deprecations[0] as string, '').trim()]).toEqual([
      renamed.code,
      renamed.err.trim(),
    ])
    for (const entry of commandIndex.filter((e) => e.replacedBy !== undefined)) {
      const help = await parcours(entry.name, '--help')
      expect(help.code, entry.name).toBe(0)
      expect(help.err, entry.name).toContain(`use 'parcours ${entry.replacedBy}'`)
    }
  })

  it("defaults register's --on to today, like every journey command", async () => {
    const r = await parcours(
      ...C,
      'register',
      '--youth',
      'y-1',
      '--mission-locale',
      'ml-a',
      '--counsellor',
      'c-1',
      '--birth-date',
      '2005-01-01',
      '--json',
    )
    expect(r.code, r.err).toBe(0)
    const help = await parcours('register', '--help')
    expect(help.out).toMatch(/--on <date>\s+the date it takes effect \(YYYY-MM-DD\)\s+\(default:\s+today\)/)
  })

  it('marks required options in help', async () => {
    const help = await parcours('offer', '--help')
    expect(help.out).toMatch(/--youth <id>\s+the young person \(pseudonymous id\) \(required\)/)
    expect(help.out).toMatch(/--respond-by <date>[^\n]*\n?[^\n]*\(required\)/)
    expect(help.out).not.toMatch(/--proposal <id>[^\n]*\(required\)/)
  })
})

describe('parcours completion', () => {
  const visible = commandIndex.filter((e) => e.replacedBy === undefined).map((e) => e.name)

  it('lists every command, subcommand and option for bash, and bash accepts it', async () => {
    const r = await parcours('completion', 'bash')
    expect(r.code, r.err).toBe(0)
    for (const name of visible) expect(r.out).toContain(`'${name}'`)
    for (const path of [
      'programme phase start',
      'training start',
      'employment end',
      'cej declare',
      'partners dropouts import',
      'serve accounts add',
    ])
      expect(r.out).toContain(`'${path}'`)
    expect(r.out).not.toContain('start-training')
    expect(spawnSync('bash', ['-n'], { input: r.out }).status).toBe(0)
    const complete = (...words: string[]) =>
      spawnSync('bash', [], {
        input: `${r.out}\nCOMP_WORDS=(${words.join(' ')}); COMP_CWORD=${words.length - 1}; _parcours; printf '%s\\n' "\${COMPREPLY[@]}"\n`,
        encoding: 'utf8',
      })
        .stdout.trim()
        .split('\n')
    expect(complete('parcours', 'programme', 'ph')).toEqual(['phase'])
    expect(complete('parcours', '--as', 'x', 'training', 'start', '--yo')).toEqual(['--youth'])
    expect(complete('parcours', 'rep')).toEqual(['report'])
  })

  it('writes a zsh script from the same tree (checked by zsh when it is installed)', async () => {
    const r = await parcours('completion', 'zsh')
    expect(r.code, r.err).toBe(0)
    expect(r.out.split('\n')[0]).toBe('#compdef parcours')
    for (const name of visible) expect(r.out).toContain(`'${name}'`)
    if (spawnSync('zsh', ['--version']).status !== 0) return
    expect(spawnSync('zsh', ['-n'], { input: r.out }).status).toBe(0)
    const listed = spawnSync('zsh', [], {
      input: `compdef() { :; }\ncompadd() { shift; print -r -- "$*"; }\n${r.out}\nwords=(parcours programme ph); CURRENT=3; _parcours\n`,
      encoding: 'utf8',
    })
    expect(listed.stdout.trim().split(' ')).toEqual(expect.arrayContaining(['enter', 'phase']))
  })

  it('refuses a shell it does not know', async () => {
    const r = await parcours('completion', 'fish')
    expect(r.code).toBe(2)
  })
})
