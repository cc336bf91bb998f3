// ---------------------------------------------------------------------------------------------
// model: the languages Parcours speaks, French first
// ---------------------------------------------------------------------------------------------

/** The languages of the catalogue; the first is the default. */
export const locales = ['fr', 'en'] as const

/** A language of the catalogue. */
export type Locale = (typeof locales)[number]

/** The default language: French. */
export const defaultLocale: Locale = 'fr'

/** The BCP 47 tag `Intl` formats with (French numbers and dates are France's). */
export const intlTag = (locale: Locale): string => (locale === 'fr' ? 'fr-FR' : 'en-GB')

/** Whether a string names a language of the catalogue. */
export const isLocale = (s: string): s is Locale => (locales as ReadonlyArray<string>).includes(s)
