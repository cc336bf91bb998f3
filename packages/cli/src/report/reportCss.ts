// ---------------------------------------------------------------------------------------------
// the report's style sheet: inlined in the static report, served as a file by the web pages.
// Text colours keep a contrast of at least 4.5:1 on their background (WCAG 2.1 1.4.3).
// ---------------------------------------------------------------------------------------------

/** The style sheet of the report and the steering pages. */
export const REPORT_CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d2733; background: #f4f6f9; line-height: 1.4; }
.skip { position: absolute; left: -9999px; top: 0; background: #ffffff; color: #1f3a5f; padding: 8px 12px; z-index: 10; }
.skip:focus { left: 8px; top: 8px; outline: 3px solid #1f3a5f; }
header { background: #1f3a5f; color: #ffffff; padding: 18px 28px; }
header h1 { margin: 0 0 6px; font-size: 24px; }
header p { margin: 0; font-size: 14px; }
nav { background: #ffffff; border-bottom: 1px solid #d5dae0; padding: 8px 28px; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 18px; margin: 0; padding: 0; }
nav a, main a { color: #1f4f8a; }
a:focus, summary:focus, .table:focus { outline: 3px solid #1f3a5f; outline-offset: 2px; }
main { padding: 20px 28px; }
main h2 { font-size: 20px; margin: 24px 0 12px; }
.notes { background: #fff4d6; border-left: 4px solid #8a5a00; padding: 10px 14px; margin: 0 0 16px; }
.notes p { margin: 4px 0; }
.kpis { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 14px; }
.kpis li { background: #ffffff; border-radius: 8px; padding: 12px 16px; box-shadow: 0 1px 3px rgba(0,0,0,.08); border-top: 4px solid #5b6770; }
.kpis li.met { border-top-color: #1e6f43; }
.kpis li.missed { border-top-color: #a4262c; }
.kpis h3 { font-size: 14px; margin: 0 0 6px; font-weight: 600; }
.kpis .value { font-size: 26px; font-weight: 700; margin: 0; }
.kpis p { margin: 2px 0; font-size: 13px; }
.kpis .verdict { font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 18px; }
.chart { background: #ffffff; border-radius: 8px; padding: 14px 18px; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin: 0; }
.chart.wide { grid-column: 1 / -1; }
.chart h3 { font-size: 16px; margin: 0 0 8px; }
.chart svg { display: block; max-width: 100%; height: auto; }
.chart .note { font-size: 13px; margin: 6px 0; }
details { margin-top: 8px; font-size: 13px; }
summary { cursor: pointer; color: #1f4f8a; }
.table { background: #ffffff; border-radius: 8px; padding: 14px 18px; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin-top: 18px; overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
caption { text-align: left; font-weight: 600; font-size: 15px; padding: 0 0 8px; }
th, td { border-bottom: 1px solid #d5dae0; padding: 5px 8px; text-align: left; white-space: nowrap; }
thead th { background: #eef1f5; }
tbody th { font-weight: normal; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
footer { padding: 12px 28px 24px; font-size: 13px; color: #4a5562; }
`
