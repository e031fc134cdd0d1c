// Renders the tab bar icons (81×81 PNG, as WeChat's tabBar wants) from inline SVG with Chromium.
// Run once after changing an icon: node scripts/make-icons.mjs; the PNGs are committed.
import { chromium } from 'playwright-core'
import fs from 'node:fs'

const ICONS = {
  // camera: 随手拍
  report: '<rect x="10" y="24" width="60" height="44" rx="8"/><circle cx="40" cy="46" r="12"/><path d="M28 24l5-9h14l5 9"/>',
  // heart in hand: 志愿
  volunteer: '<path d="M40 62C22 50 14 40 14 30a12 12 0 0 1 26-6 12 12 0 0 1 26 6c0 10-8 20-26 32z"/>',
  // podium: 排行
  ranking: '<rect x="10" y="40" width="18" height="30"/><rect x="31" y="22" width="18" height="48"/><rect x="52" y="50" width="18" height="20"/>',
  // person: 我的
  me: '<circle cx="40" cy="28" r="14"/><path d="M14 70c0-14 12-24 26-24s26 10 26 24"/>'
}
const COLORS = { '': '#5c5c5c', '-active': '#c8161d' }

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
})
const page = await browser.newPage({ viewport: { width: 81, height: 81 } })
fs.mkdirSync('src/assets/tab', { recursive: true })
for (const [name, body] of Object.entries(ICONS)) {
  for (const [suffix, color] of Object.entries(COLORS)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 80 80" fill="none" stroke="${color}" stroke-width="6" stroke-linejoin="round" stroke-linecap="round">${body}</svg>`
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`)
    await page.screenshot({ path: `src/assets/tab/${name}${suffix}.png`, omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 } })
  }
}
await browser.close()
console.log('tab icons written to src/assets/tab')
