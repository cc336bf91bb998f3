import { describe, expect, it } from 'vitest'
import { untranslatedIn } from '../testing/untranslated.js'
import { catalogue, french } from './catalogue.js'
import { locales } from './locale.js'
import { placeholdersOf } from './message.js'
import { translator } from './translator.js'

const NNBSP = '\u202f' // Intl's group separator in fr-FR
const NBSP = '\u00a0' // before the percent sign

describe('the message catalogue', () => {
  it('has the same keys, kinds and placeholders in every language', () => {
    const reference = Object.entries(french).map(([k, m]) => [k, typeof m, placeholdersOf(m)])
    for (const locale of locales) {
      const messages = catalogue[locale] as Readonly<Record<string, string | object>>
      expect(Object.keys(messages).sort(), locale).toEqual(Object.keys(french).sort())
      expect(
        Object.entries(french).map(([k]) => {
          const m = messages[k] as Parameters<typeof placeholdersOf>[0]
          return [k, typeof m, placeholdersOf(m)]
        }),
        locale,
      ).toEqual(reference)
    }
  })

  it('has no empty message, and French differs from English where words are used', () => {
    for (const locale of locales)
      for (const [k, m] of Object.entries(catalogue[locale]))
        for (const text of typeof m === 'string' ? [m] : [m.one, m.other])
          expect(text.trim().length, `${locale} ${k}`).toBeGreaterThan(0)
    expect(catalogue.fr['outcome.refused-by-third-party']).toBe('Refusée par un tiers')
    expect(catalogue.en['outcome.refused-by-third-party']).toBe('Refused by a third party')
  })
})

describe('the translator', () => {
  const fr = translator('fr')
  const en = translator('en')

  it('fills parameters, formatting numbers for the language', () => {
    expect(fr.t('dashboard.indicatorsTitle', { from: 'janvier 2025', to: 'mars 2025' })).toBe(
      'Indicateurs, de janvier 2025 à mars 2025',
    )
    expect(fr.t('report.simulation', { count: 1200, missions: 3, seed: 7 })).toBe(
      `simulation de 1${NNBSP}200 jeunes dans 3 missions locales (graine 7)`,
    )
    expect(en.t('report.simulation', { count: 1200, missions: 3, seed: 7 })).toBe(
      'simulation of 1,200 young people in 3 missions locales (seed 7)',
    )
  })

  it('chooses plural forms by the language’s rules: 0 is singular in French, plural in English', () => {
    expect([0, 1, 2].map((count) => fr.t('report.exits', { count }))).toEqual([
      '0 sortie',
      '1 sortie',
      '2 sorties',
    ])
    expect([0, 1, 2].map((count) => en.t('report.exits', { count }))).toEqual([
      '0 exits',
      '1 exit',
      '2 exits',
    ])
    // CLDR's French "many" (a million) takes the plural form
    expect(fr.t('report.exits', { count: 1_000_000 })).toBe(`1${NNBSP}000${NNBSP}000 sorties`)
  })

  it('writes numbers, shares, months and dates the French way (fr-FR)', () => {
    expect(fr.number(1234.5)).toBe(`1${NNBSP}234,5`)
    expect(fr.percent(0.3534)).toBe(`35,3${NBSP}%`)
    expect(fr.percent(null)).toBe('–')
    expect(fr.month('2025-03')).toBe('mars 2025')
    expect(fr.date('2026-12-02')).toBe('2 décembre 2026')
    expect(fr.dateTime('2026-12-02T07:12:47.123Z')).toBe('2 décembre 2026 à 07:12 (UTC)')
    expect(en.percent(0.3534)).toBe('35.3%')
    expect(en.month('2025-03')).toBe('March 2025')
    expect(en.date('2026-12-02')).toBe('2 December 2026')
  })

  it('checks keys and parameters when it compiles', () => {
    // @ts-expect-error: not a key of the catalogue
    expect(fr.t('report.nope')).toBe('report.nope')
    // @ts-expect-error: the message needs its parameters
    expect(fr.t('report.period')).toBe('Période : de {from} à {to}.')
    expect(fr.t('report.title')).toBe('Parcours — tableau de pilotage')
  })
})

describe('untranslatedIn', () => {
  it('finds keys, unfilled placeholders and raw codes, not their labels', () => {
    expect(untranslatedIn('<p>report.title {month} refused-by-third-party</p>')).toEqual([
      'report.title',
      '{month}',
      'refused-by-third-party',
    ])
    expect(untranslatedIn('<p>Refusée par un tiers, ml-amiens</p><style>.a{b}</style>')).toEqual([])
  })
})
