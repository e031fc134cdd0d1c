import { startApp, signIn, type TestApp } from '../helpers/browser'
import { seriousViolations } from '../helpers/axe'
import { route, TAB_PAGES, SUBPACKAGES } from '../../src/routes'
import { tinyJpeg } from '../helpers/images'

/**
 * axe-core on every H5 page that opens without parameters, as resident and as staff/admin, in
 * normal and 长辈模式: no serious or critical violations. Pages that need an id are checked by
 * visiting the first item their list links to, where the journeys' own tests get there.
 */
let app: TestApp
/** Pages that need an id: a case (detail, handling) and a village. */
const WITH_IDS: string[] = [route.village('py-01')]
beforeAll(async () => {
  app = await startApp()
  const token = await app.cloud.login('demo-resident')
  const photo = await app.cloud.upload(token, tinyJpeg())
  const r = await app.cloud.ok(token, 'report', 'create', { clientId: 'a11y-case-1', category: 'luandui', description: '楼道堆放杂物堵塞通道', photos: [photo], location: { latitude: 35.7, longitude: 115 } })
  WITH_IDS.push(route.reportDetail(r.id), route.reportHandle(r.id))
  const staff = await app.cloud.login('demo-staff')
  const start = new Date(Date.now() + 24 * 3600_000)
  const drive = await app.cloud.ok(staff, 'volunteer', 'create', {
    title: '无障碍检查用活动', description: '', villageId: 'py-01', address: '幸福村', capacity: 5,
    startAt: start.toISOString(), endAt: new Date(start.getTime() + 3600_000).toISOString()
  })
  WITH_IDS.push(route.drive(drive.id), route.roster(drive.id), route.certificate)
}, 60000)
afterAll(() => app?.close())

/** Every page of the app without required parameters. */
const PAGES: string[] = [
  ...Object.values(TAB_PAGES).map((p) => `/${p}`),
  ...Object.values(SUBPACKAGES).flatMap((pkg) => Object.values(pkg.pages).map((p) => `/${pkg.root}/${p}`))
].filter((p) => !/detail|handle|edit|village|roster|certificate|poster/.test(p))

async function audit(openid: string, elder: boolean) {
  const token = await app.cloud.login(openid)
  await app.cloud.ok(token, 'user', 'updateProfile', { elderMode: elder })
  const page = await signIn(app, openid)
  const problems: string[] = []
  for (const path of [...PAGES, ...WITH_IDS]) {
    await page.goto(`${app.cloud.url}/#${path}`)
    await page.locator('.page-shell').filter({ visible: true }).first().waitFor()
    await page.waitForTimeout(400) // let the page's data arrive
    if (elder) await page.locator('.page-shell.elder').filter({ visible: true }).first().waitFor()
    for (const v of await seriousViolations(page)) problems.push(`${path}: ${v.id} (${v.impact}) ${v.help} → ${v.nodes.join(', ')}`)
  }
  return problems
}

it('the sign-in page has no serious violations', async () => {
  const page = await app.newPage()
  await page.goto(`${app.cloud.url}/#${route.signIn}`)
  await page.getByText('选择身份进入').waitFor()
  expect(await seriousViolations(page)).toEqual([])
})

it.each([
  ['resident', 'a11y-resident', false],
  ['resident in 长辈模式', 'a11y-resident-elder', true],
  ['admin', 'demo-admin', false],
  ['admin in 长辈模式', 'demo-admin', true]
])('every page as %s has no serious violations', async (_who, openid, elder) => {
  expect(await audit(openid, elder)).toEqual([])
}, 120000)
