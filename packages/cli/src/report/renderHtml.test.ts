import { describe, expect, it } from 'vitest'
import { renderHtmlReport } from './renderHtml.js'
import { sampleReport } from './sampleReport.js'

describe('HTML report', () => {
  const html = renderHtmlReport(sampleReport())

  it('has no script and loads nothing from the network', () => {
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<link[^>]+href=/i)
    expect(html).not.toMatch(/https?:\/\//i)
    expect(html).not.toMatch(/ style="/)
  })

  it('draws each chart as SVG with its values, and gives each a table with a caption and headers', () => {
    expect(html.match(/<svg /g)).toHaveLength(4)
    expect(html.match(/<figure /g)).toHaveLength(4)
    expect(html.match(/<details><summary>Données du graphique<\/summary><table><caption>/g)).toHaveLength(4)
    expect(html).toContain('<th scope="col">Mois</th>')
    expect(html).toContain('<th scope="row">mars 25 (partiel)</th>')
    // values on the bars and on the funnel, shares on the donut
    expect(html).toMatch(/<text[^>]*>40<\/text>/)
    expect(html).toMatch(/<text[^>]*>90 — 79,6\u00a0% de l’étape précédente<\/text>/)
    expect(html).toMatch(/<text[^>]*>56,8\u00a0%<\/text>/)
    expect(html).toContain('Réalisée — 21 (56,8\u00a0%)')
  })

  it('hatches the partial month and draws the target line with its label', () => {
    expect(html).toContain('fill="url(#chart-registrations-hatch-0)"')
    expect(html).toMatch(/<text[^>]*font-style="italic"[^>]*>partiel<\/text>/)
    expect(html).toContain('stroke-dasharray="6 4"')
    expect(html).toContain('Objectif : 44,0\u00a0%')
  })

  it('sets the language, landmarks and headings in order', () => {
    expect(html).toContain('<html lang="fr">')
    for (const landmark of ['<header>', '<nav aria-label=', '<main id="contenu"', '<footer>'])
      expect(html).toContain(landmark)
    const levels = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]))
    expect(levels[0]).toBe(1)
    levels.slice(1).forEach((level, i) => expect(level - (levels[i] as number)).toBeLessThanOrEqual(1))
    expect(renderHtmlReport(sampleReport('en'))).toContain('<html lang="en">')
  })

  it('escapes text into the tables and the SVG', () => {
    expect(html).toContain('National &lt;indicators&gt;')
    expect(html).not.toContain('National <indicators>')
    expect(html).toContain('&lt;/svg&gt;&lt;b&gt;ml-brest')
    expect(html).not.toContain('</svg><b>')
  })

  it('formats figures in the tables the French way', () => {
    expect(html).toContain('<td class="num">1\u202f130</td>')
  })
})
