import { esc } from './html.js'

/** A cell of a page's table: text (escaped here), or markup the caller built from escaped parts. */
export type TableCell = { readonly text: string; readonly numeric?: boolean } | { readonly html: string }

const inner = (c: TableCell): string => ('html' in c ? c.html : esc(c.text))

/** A table with a caption, column headers, and the first cell of each row as its header. */
export const tableHtmlCells = (
  caption: string,
  columns: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<TableCell>>,
): string => {
  const head = columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map((c, i) =>
            i === 0
              ? `<th scope="row">${inner(c)}</th>`
              : `<td${'text' in c && c.numeric === true ? ' class="num"' : ''}>${inner(c)}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n')
  return `<table><caption>${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`
}
