import { describe, expect, it } from 'vitest'
import { renderHtmlReport } from './renderHtml.js'
import { sampleReport } from './sampleReport.js'

describe('HTML report', () => {
  const html = renderHtmlReport(sampleReport())

  it('inlines chart.js and loads nothing from the network', () => {
    expect(html).toContain('Chart')
    expect(html.length).toBeGreaterThan(100_000)
    expect(html).not.toMatch(/<script[^>]+src=/i)
    expect(html).not.toMatch(/<link[^>]+href=/i)
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|fonts)/i)
  })

  it('has one canvas per chart and says how many it expects', () => {
    expect(html.match(/<canvas /g)).toHaveLength(5)
    expect(html).toContain('data-charts-expected="5"')
  })

  it('escapes text into the tables', () => {
    expect(html).toContain('National &lt;indicators&gt;')
    expect(html).not.toContain('National <indicators>')
  })

  it('keeps data from closing the script element', () => {
    const data = sampleReport()
    const hostile = renderHtmlReport({
      ...data,
      positiveExitRates: [{ missionLocaleId: '</script><b>x', exits: 1, positiveExitRate: 1 }],
    })
    const afterLastScript = hostile.slice(hostile.lastIndexOf('<script>'))
    expect(afterLastScript.indexOf('</script>')).toBe(afterLastScript.lastIndexOf('</script>'))
  })
})
