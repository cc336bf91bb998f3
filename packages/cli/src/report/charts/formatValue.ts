import type { Translator } from '../../i18n/index.js'
import type { ValueKind } from './chartModel.js'

/** A chart's value as the reader's language writes it; a dash when there is nothing to measure. */
export const formatValue = (tr: Translator, kind: ValueKind, v: number | null): string =>
  v === null ? '–' : kind === 'share' ? tr.percent(v) : tr.number(v, 0)
