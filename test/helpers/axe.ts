import fs from 'node:fs'
import type { Page } from 'playwright-core'

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: string[]
}

/**
 * Runs axe-core on the visible page (Taro H5 keeps hidden pages in the DOM; they are excluded) and
 * answers the serious and critical violations.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE) // evaluated over the debugging protocol: the app's CSP rightly refuses injected script tags
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe
    const hidden = Array.from(document.querySelectorAll('.taro_page')).filter((p) => (p as HTMLElement).offsetParent === null && getComputedStyle(p).display === 'none')
    const result = await axe.run(
      { exclude: hidden.map((p) => [`[id="${p.id}"]`]) },
      { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }
    )
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))
  })
}

/**
 * What an older villager would trip over on the shown page of the H5 app: a target smaller than
 * 44 × 44 px (buttons, chips, radios, switches, links) and every serious axe violation, in words.
 */
export async function pageProblems(page: Page): Promise<string[]> {
  const small = await page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    return shown.flatMap((p) => Array.from(p.querySelectorAll('.nut-button, .ui-btn, .chip, [role=button], [role=radio], [role=switch], [role=link]')))
      .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden' })
      .map((e) => ({ r: e.getBoundingClientRect(), text: (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 20) }))
      .filter((t) => t.r.width < 44 || t.r.height < 44)
      .map((t) => `target «${t.text}» ${Math.round(t.r.width)}×${Math.round(t.r.height)}`)
  })
  return [...small, ...(await seriousViolations(page)).map((v) => `${v.id}: ${v.help} → ${v.nodes.join(', ')}`)]
}
