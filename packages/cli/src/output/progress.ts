import cliProgress from 'cli-progress'
import type { TextSink } from '../cli/io.js'

// ---------------------------------------------------------------------------------------------
// progress of long work on stderr: a bar on a terminal, a few plain lines otherwise
// ---------------------------------------------------------------------------------------------

/** Reports progress of one piece of work. */
export interface Progress {
  readonly update: (done: number, total: number) => void
  readonly stop: () => void
}

const plainProgress = (sink: TextSink, label: string): Progress => {
  let lastTenth = -1
  return {
    update: (done, total) => {
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10)
      if (tenth !== lastTenth) {
        lastTenth = tenth
        sink.write(`${label}: ${tenth * 10}% (${done}/${total})\n`)
      }
    },
    stop: () => undefined,
  }
}

const barProgress = (sink: TextSink, label: string): Progress => {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% {value}/{total}`,
      stream: sink as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update: (done, total) => {
      if (!started) {
        bar.start(total, done)
        started = true
      } else {
        bar.setTotal(total)
        bar.update(done)
      }
    },
    stop: () => {
      if (started) bar.stop()
    },
  }
}

/** A progress reporter on `sink`: a bar when it is a terminal, plain lines at each tenth otherwise. */
export const createProgress = (sink: TextSink, label: string): Progress =>
  sink.isTTY === true ? barProgress(sink, label) : plainProgress(sink, label)
