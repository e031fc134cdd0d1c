/**
 * Screenshots of every page of the H5 build, as a resident and as staff, in normal and 长辈模式,
 * on a fresh local cloud with the demo district and its activity (docs/ux.md).
 *
 *   npx taro build --type h5                       # or TARO_OUTPUT_ROOT=dist/h5-x … with H5_DIR=dist/h5-x
 *   npx tsx scripts/screenshots.ts [folder]        # default: <tmp>/civic-screenshots
 *
 * Writes <folder>/<who>-<mode>/<page>.png (390 px wide, as tall as SHOT_HEIGHT, default 1600).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startApp, signIn, visible } from '../test/helpers/browser'
import { everyPage } from '../test/helpers/pages'

const out = path.resolve(process.argv[2] ?? path.join(os.tmpdir(), 'civic-screenshots'))
const height = Number(process.env.SHOT_HEIGHT ?? 1600)
const repo = path.resolve(__dirname, '..')
if (out === repo || out.startsWith(repo + path.sep)) throw new Error(`write screenshots outside the repository, not into ${out}`)

async function main() {
  const app = await startApp({ demoActivity: true })
  try {
    const pages = await everyPage(app.cloud)
    for (const [who, openid] of [['resident', 'demo-resident'], ['staff', 'demo-staff']] as const) {
      for (const elder of [false, true]) {
        await app.cloud.ok(await app.cloud.login(openid), 'user', 'updateProfile', { elderMode: elder })
        const page = await signIn(app, openid)
        await page.setViewportSize({ width: 390, height })
        const dir = path.join(out, `${who}-${elder ? 'elder' : 'normal'}`)
        fs.mkdirSync(dir, { recursive: true })
        for (const route of pages) {
          await page.goto(`${app.cloud.url}/#${route}`)
          await visible(page, elder ? '.page-shell.elder' : '.page-shell').first().waitFor()
          await page.waitForTimeout(800) // data, images and canvases
          const name = route.replace(/^\//, '').replace(/\/index/, '').replace(/[/?=&]/g, '_')
          await page.screenshot({ path: path.join(dir, `${name}.png`) })
        }
        await page.context().close()
        console.log(`${dir}: ${pages.length} pages`)
      }
    }
  } finally {
    await app.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
