import {
  appointmentKinds,
  exitReasons,
  programmeExitReasons,
  proposalOutcomes,
  themes,
} from '@parcours/domain'
import { french } from '../i18n/catalogue.js'

// ---------------------------------------------------------------------------------------------
// utils: what a rendered page must not show — a catalogue key, a placeholder left unfilled, or a
// raw code of the domain's vocabularies (`refused-by-third-party` instead of its label)
// ---------------------------------------------------------------------------------------------

const keys = Object.keys(french)
const codes = [
  ...new Set([...proposalOutcomes, ...themes, ...exitReasons, ...programmeExitReasons, ...appointmentKinds]),
].filter((c) => c.includes('-'))

/**
 * The untranslated texts in an HTML page (its `<style>` and `<script>` elements aside, and the
 * `value` attributes, which hold what a form posts — a code — not what it shows).
 */
export const untranslatedIn = (html: string): ReadonlyArray<string> => {
  const text = html.replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, '').replace(/\svalue="[^"]*"/g, '')
  return [
    ...keys.filter((k) => text.includes(k)),
    ...[...text.matchAll(/\{[a-zA-Z]+\}/g)].map((m) => m[0]),
    ...codes.filter((c) => new RegExp(`(^|[^\\w-])${c}($|[^\\w-])`).test(text)),
  ]
}
