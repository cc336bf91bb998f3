import { catalogue, type MessageKey, type Messages } from './catalogue.js'
import { intlTag, type Locale } from './locale.js'
import type { Message, ParamsOf } from './message.js'

// ---------------------------------------------------------------------------------------------
// the translator: messages with their parameters, and numbers, shares and dates as the
// language writes them (Intl, `fr-FR` for French: `1 234,5`, `35,3 %`, `2 décembre 2026`)
// ---------------------------------------------------------------------------------------------

type Args<K extends MessageKey> = keyof ParamsOf<Messages[K]> extends never ? [] : [ParamsOf<Messages[K]>]

/** What renders text in one language. */
export interface Translator {
  readonly locale: Locale
  /** The message `key` with its parameters (numbers formatted for the language). */
  readonly t: <K extends MessageKey>(key: K, ...params: Args<K>) => string
  /** A number: `1 234` in French. */
  readonly number: (n: number, maximumFractionDigits?: number) => string
  /** A change, with its sign: `+12`, `−3,5`, `0`. */
  readonly signed: (n: number, maximumFractionDigits?: number) => string
  /** A share (0–1) as a percentage with one decimal (`35,3 %`), or a dash when unknown. */
  readonly percent: (share: number | null) => string
  /** A month `YYYY-MM` in full: `mars 2025`. */
  readonly month: (month: string) => string
  /** A month `YYYY-MM`, short: `mars 25`. */
  readonly shortMonth: (month: string) => string
  /** A date `YYYY-MM-DD`: `2 décembre 2026`. */
  readonly date: (date: string) => string
  /** An instant (ISO 8601) to the minute, in UTC: `2 décembre 2026 à 07:12 (UTC)`. */
  readonly dateTime: (iso: string) => string
}

const DASH = '–'

const interpolate = (
  text: string,
  params: Readonly<Record<string, string | number>>,
  n: (x: number) => string,
) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name]
    return v === undefined ? whole : typeof v === 'number' ? n(v) : v
  })

/** A translator for `locale`. */
export const translator = (locale: Locale): Translator => {
  const tag = intlTag(locale)
  const messages = catalogue[locale] as Readonly<Record<string, Message>>
  const plural = new Intl.PluralRules(tag)
  const numberFormats = new Map<number, Intl.NumberFormat>()
  const number = (n: number, maximumFractionDigits = 1): string => {
    let f = numberFormats.get(maximumFractionDigits)
    if (f === undefined) {
      f = new Intl.NumberFormat(tag, { maximumFractionDigits })
      numberFormats.set(maximumFractionDigits, f)
    }
    return f.format(n)
  }
  const percentFormat = new Intl.NumberFormat(tag, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  })
  const utc = (d: string): Date => new Date(`${d}T00:00:00Z`)
  const monthFormat = new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' })
  const shortMonthFormat = new Intl.DateTimeFormat(tag, { month: 'short', year: '2-digit', timeZone: 'UTC' })
  const dateFormat = new Intl.DateTimeFormat(tag, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
  const timeFormat = new Intl.DateTimeFormat(tag, {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'UTC',
  })
  const t = <K extends MessageKey>(key: K, ...args: Args<K>): string => {
    const m = messages[key]
    const params = (args[0] ?? {}) as Readonly<Record<string, string | number>>
    if (m === undefined) return key
    if (typeof m === 'string') return interpolate(m, params, number)
    const count = Number(params['count'] ?? 0)
    return interpolate(plural.select(count) === 'one' ? m.one : m.other, params, number)
  }
  const signed = (n: number, maximumFractionDigits = 1): string =>
    new Intl.NumberFormat(tag, { maximumFractionDigits, signDisplay: 'exceptZero' }).format(n)
  return {
    locale,
    t,
    number,
    signed,
    percent: (share) => (share === null ? DASH : percentFormat.format(share)),
    month: (m) => (/^\d{4}-\d{2}$/.test(m) ? monthFormat.format(utc(`${m}-01`)) : m),
    shortMonth: (m) => (/^\d{4}-\d{2}$/.test(m) ? shortMonthFormat.format(utc(`${m}-01`)) : m),
    date: (d) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? dateFormat.format(utc(d)) : d),
    dateTime: (iso) => {
      const at = new Date(iso)
      if (Number.isNaN(at.getTime())) return iso
      return t('calendar.dateTime', { date: dateFormat.format(at), time: timeFormat.format(at) })
    },
  }
}
