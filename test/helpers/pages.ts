import { route, TAB_PAGES, SUBPACKAGES } from '../../src/routes'
import type { TestCloud } from './cloud'

/** Every page of the app that opens without parameters. */
export const PLAIN_PAGES: string[] = [
  ...Object.values(TAB_PAGES).map((p) => `/${p}`),
  ...Object.values(SUBPACKAGES).flatMap((pkg) => Object.values(pkg.pages).map((p) => `/${pkg.root}/${p}`))
].filter((p) => !/detail|handle|edit|village|roster|certificate|poster|sub-ranking\/site\//.test(p))

/**
 * Every page of the app, those that need an id filled from the demo activity (a cloud started
 * with `demoActivity: true`): 王秀兰's case (detail, handling), the 菜市场后巷 cleanup (drive,
 * roster), 幸福村, the certificate and the month's poster.
 */
export async function everyPage(cloud: TestCloud): Promise<string[]> {
  const resident = await cloud.login('demo-resident')
  const mine = await cloud.ok(resident, 'report', 'mine', {})
  if (!mine.items.length) throw new Error('no demo activity: start the cloud with demoActivity: true')
  const drives = await cloud.ok(resident, 'volunteer', 'list', {})
  const cleanup = drives.items.find((d: { title: string }) => d.title === '菜市场后巷集中清理')
  const { periods } = await cloud.ok(resident, 'ranking', 'periods')
  return [
    ...PLAIN_PAGES,
    route.village('py-01'),
    route.reportDetail(mine.items[0].id),
    route.reportHandle(mine.items[0].id),
    route.drive(cleanup.id),
    route.roster(cleanup.id),
    route.certificate,
    route.honorsPoster(periods[0])
  ]
}
