// ---------------------------------------------------------------------------------------------
// model: where a run reads its environment and writes its output, injectable for tests.
// ---------------------------------------------------------------------------------------------

/** A sink for text, like `process.stdout`. */
export interface TextSink {
  /** Writes text as it is (no newline added). */
  readonly write: (text: string) => unknown
  /** True when it is an interactive terminal (progress bars only then). */
  readonly isTTY?: boolean
}

/** Where a run asks the person at the terminal (a confirmation), when there is one. */
export interface PromptSource {
  /** True when standard input is an interactive terminal: only then is anyone asked. */
  readonly isTTY: boolean
  /** Shows the question (on stderr) and resolves with the line typed. */
  readonly ask: (question: string) => Promise<string>
}

/** What a run of the CLI reads and writes besides its arguments. */
export interface CliIo {
  readonly stdout: TextSink
  readonly stderr: TextSink
  readonly env: Readonly<Record<string, string | undefined>>
  /** The folder relative paths resolve against. */
  readonly cwd: string
  /** Standard input, for confirmations; none (tests, embedding) is not a terminal. */
  readonly stdin?: PromptSource
  /** Errors go to stderr as one JSON object rather than a line (`run` sets it for `--json`). */
  readonly jsonErrors?: boolean
}

/** The real process's io. */
export const processIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: {
    isTTY: process.stdin.isTTY === true,
    ask: async (question) => {
      const { createInterface } = await import('node:readline/promises')
      const lines = createInterface({ input: process.stdin, output: process.stderr })
      try {
        return await lines.question(question)
      } finally {
        lines.close()
      }
    },
  },
  env: process.env,
  cwd: process.cwd(),
})

/** An io that records what is written, for tests. */
export const bufferIo = (
  env: Readonly<Record<string, string | undefined>> = {},
  cwd: string = process.cwd(),
): CliIo & {
  /** Everything written to stdout so far. */
  readonly out: () => string
  /** Everything written to stderr so far. */
  readonly err: () => string
} => {
  const out: string[] = []
  const err: string[] = []
  return {
    stdout: { write: (s: string) => out.push(s), isTTY: false },
    stderr: { write: (s: string) => err.push(s), isTTY: false },
    env,
    cwd,
    out: () => out.join(''),
    err: () => err.join(''),
  }
}
