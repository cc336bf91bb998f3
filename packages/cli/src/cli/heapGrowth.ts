// ---------------------------------------------------------------------------------------------
// How far the V8 heap may grow between two full collections. By default V8 lets it reach up to
// four times what survived the last one: a demo of 20,000 young people, whose live heap is about
// 150 MB, peaked at 813 to 912 MB of RSS. The parcours command asks for at most 1.5 times, unless
// its own node command line says otherwise.
// ---------------------------------------------------------------------------------------------

/** The heap's growth over what survived the last full collection, in percent, that the CLI asks for. */
export const HEAP_GROWING_PERCENT = 50

/**
 * The V8 flags the CLI sets at start (with `v8.setFlagsFromString`): none when `execArgv` (the
 * node options the process was started with) already sets the heap's growth.
 */
export const heapGrowthFlags = (execArgv: ReadonlyArray<string>): ReadonlyArray<string> =>
  execArgv.some((arg) => /^--(no-)?heap[-_]growing[-_]percent\b/.test(arg))
    ? []
    : [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]
