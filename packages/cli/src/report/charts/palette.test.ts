import { describe, expect, it } from 'vitest'
import { GRID, INK, MUTED, PALETTE } from './palette.js'

// WCAG 2.1's relative luminance and contrast ratio.
const luminance = (hex: string): number => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
const contrast = (a: string, b: string): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number]
  return (x + 0.05) / (y + 0.05)
}

describe('the chart palette', () => {
  it('keeps every colour, the ink and the muted text at 4.5:1 or more on white', () => {
    for (const colour of [...PALETTE, INK, MUTED])
      expect(contrast(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(4.5)
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    // grid lines carry no information, and are kept light
    expect(contrast(GRID, '#ffffff')).toBeLessThan(1.5)
  })
})
