import Table from 'cli-table3'
import { isFigure, type IndicatorTable } from '../report/reportModel.js'

// ---------------------------------------------------------------------------------------------
// utils: tables for the terminal
// ---------------------------------------------------------------------------------------------

/** A table as text, with its title above; figures (numbers, counts, rates, dates) right-aligned. */
export const renderTable = (table: IndicatorTable): string => {
  const t = new Table({
    head: [...table.columns],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  })
  for (const row of table.rows)
    t.push(
      row.map((cell, i) =>
        i > 0 && isFigure(cell) ? { content: String(cell), hAlign: 'right' as const } : String(cell),
      ),
    )
  return `${table.title}\n${t.toString()}\n`
}
