import { REPORT_CSS } from '../../report/reportCss.js'

// ---------------------------------------------------------------------------------------------
// the web pages' style sheet, served at /assets/app.css: the report's (charts, tables, cards)
// and the application's frame and forms. Text keeps a contrast of 4.5:1 at least on its
// background, every control shows where the focus is (WCAG 2.1 1.4.3, 2.4.7).
// ---------------------------------------------------------------------------------------------

const APP_CSS = `
header.site { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 28px; padding: 12px 28px; }
header.site .brand { margin: 0; font-size: 20px; font-weight: 700; }
header.site a { color: #ffffff; }
header.site .account { display: flex; align-items: center; gap: 12px; margin-left: auto; }
header.site .account p { margin: 0; }
header.site nav { background: transparent; border: 0; padding: 0; }
header.site nav ul { gap: 10px; }
header.site nav a[aria-current] { font-weight: 700; text-decoration: none; }
header.site a:focus, header.site button:focus { outline: 3px solid #ffffff; outline-offset: 2px; }
.link-button { background: transparent; color: #ffffff; border: 1px solid #ffffff; border-radius: 4px; padding: 4px 10px; font: inherit; cursor: pointer; }
.main-nav a[aria-current] { font-weight: 700; text-decoration: none; }
main h1 { font-size: 26px; margin: 8px 0 12px; }
main h3 { font-size: 16px; }
.lead { font-size: 15px; margin: 0 0 16px; }
.panel { background: #ffffff; border-radius: 8px; padding: 14px 18px; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin: 0 0 18px; }
.panel h2 { margin-top: 0; }
.toc ul { display: flex; flex-wrap: wrap; gap: 8px 18px; list-style: none; margin: 0; padding: 0; }
.empty { color: #4a5562; font-style: italic; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 6px 18px; margin: 0; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
ul.actions { list-style: none; display: flex; flex-wrap: wrap; gap: 10px; margin: 0; padding: 0; }
.button, button.primary { display: inline-block; background: #1f4f8a; color: #ffffff; border: 0; border-radius: 4px; padding: 8px 14px; font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; }
main a.button { color: #ffffff; }
.button:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #1f3a5f; outline-offset: 2px; }
form.command, form.login, form.filters, form.targets { background: #ffffff; border-radius: 8px; padding: 16px 20px; box-shadow: 0 1px 3px rgba(0,0,0,.08); max-width: 720px; }
form.filters { max-width: none; display: flex; flex-wrap: wrap; align-items: flex-end; gap: 12px 18px; margin-bottom: 18px; }
form.filters .field { margin: 0; }
.field { margin: 0 0 14px; }
.field label, .field legend { display: block; font-weight: 600; margin-bottom: 4px; }
.field .hint { display: block; font-size: 13px; color: #4a5562; margin-bottom: 4px; }
.field .required { font-weight: normal; color: #4a5562; }
fieldset.field { border: 1px solid #d5dae0; border-radius: 4px; padding: 8px 12px; }
fieldset.field label { display: inline; font-weight: normal; margin-right: 14px; }
input[type="text"], input[type="password"], input[type="date"], input[type="month"], input[type="number"], select, textarea { font: inherit; padding: 6px 8px; border: 1px solid #5b6770; border-radius: 4px; color: #1d2733; background: #ffffff; min-width: 260px; }
.field.invalid input, .field.invalid select { border: 2px solid #a4262c; }
.field-error { display: block; color: #a4262c; font-weight: 600; margin: 4px 0; }
.alert { border-left: 4px solid #a4262c; background: #fdecec; color: #1d2733; padding: 10px 14px; margin: 0 0 16px; }
.alert p { margin: 4px 0; }
.notice { border-left: 4px solid #1e6f43; background: #e8f4ec; padding: 10px 14px; margin: 0 0 16px; }
.panel table { margin-bottom: 14px; }
.wrap td { white-space: normal; min-width: 240px; }
.drill ul { columns: 3 220px; margin: 0; padding-left: 20px; }
`

/** The style sheet of the web pages (served at /assets/app.css). */
export const appCss = `${REPORT_CSS}${APP_CSS}`
