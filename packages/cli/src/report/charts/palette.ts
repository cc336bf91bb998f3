// ---------------------------------------------------------------------------------------------
// model: colours of the charts. Each has a contrast of at least 4.5:1 on white (WCAG 2.1 1.4.3
// and 1.4.11), so a bar, a slice or white text on it stays legible; text is drawn in INK.
// ---------------------------------------------------------------------------------------------

/** Series and slice colours, in order. */
export const PALETTE = [
  '#1f5fa8',
  '#a34700',
  '#1e6f43',
  '#a4262c',
  '#6b3fa0',
  '#5b5f1e',
  '#0f6674',
  '#8a2b6e',
]

/** Text and lines (targets, axes). */
export const INK = '#1d2733'

/** Secondary text (axis ticks), 7:1 on white. */
export const MUTED = '#4a5562'

/** Grid lines: decoration only, no information rests on them. */
export const GRID = '#d5dae0'

/** The colour of the i-th series or slice. */
export const colourAt = (i: number): string => PALETTE[i % PALETTE.length] as string
