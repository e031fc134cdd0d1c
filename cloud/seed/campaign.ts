import type { Store } from '../core/ports'
import type { CatalogItem, Road, Site } from '../../types/campaign'

/**
 * The demo district's campaign (issue 26): an excerpt of the 测评体系 in the shape of the
 * 《全国文明城市测评体系》操作手册's 实地考察 items, a few 创文点位 and one 包路段. Seeded once.
 */

const I = (id: string, indicator: CatalogItem['indicator'], project: string, content: string, standard: string, kinds: CatalogItem['kinds'], deduction: number, cap: number, deadlineHours = 72): CatalogItem =>
  ({ id, indicator, project, content, standard, kinds, deduction, cap, deadlineHours, active: true })

export const DEMO_CATALOG: CatalogItem[] = [
  I('item-001', 'environment', '城市环境卫生', '农贸市场环境卫生', '市场内地面干净，无垃圾杂物、无积存污水，每处不达标扣 0.5 分', ['market'], 0.5, 3, 48),
  I('item-002', 'environment', '城市环境卫生', '垃圾分类与收集容器', '垃圾收集容器设置规范、分类标识清晰、无满溢，每处不达标扣 0.5 分', ['market', 'community', 'park', 'school', 'hospital', 'station'], 0.5, 3, 48),
  I('item-003', 'environment', '城市环境卫生', '背街小巷环境卫生', '路面平整，无暴露垃圾、卫生死角和乱堆乱放，每处扣 0.5 分', ['alley', 'road', 'community'], 0.5, 4, 48),
  I('item-004', 'environment', '城市环境卫生', '公共厕所', '公厕干净无异味、设施完好、有专人管理，每处不达标扣 1 分', ['park', 'market', 'station', 'hospital'], 1, 3, 24),
  I('item-005', 'environment', '城市环境卫生', '建筑工地管理', '围挡规范，裸土覆盖，出入车辆冲洗，每处不达标扣 1 分', ['construction'], 1, 5, 24),
  I('item-006', 'order', '城市公共秩序', '占道经营', '无占道经营、店外经营、流动摊贩，每处扣 0.5 分', ['market', 'road', 'alley', 'school'], 0.5, 4, 24),
  I('item-007', 'order', '城市公共秩序', '车辆停放', '机动车、非机动车停放有序，不占用盲道和消防通道，每处扣 0.5 分', ['road', 'station', 'hospital', 'school', 'community'], 0.5, 4, 24),
  I('item-008', 'order', '城市公共秩序', '乱张贴乱涂画', '无乱张贴、乱涂画、乱拉挂，每处扣 0.2 分', ['alley', 'road', 'community'], 0.2, 2, 72),
  I('item-009', 'publicAds', '公益广告', '公益广告设置', '公益广告设置醒目、数量达标、内容规范、画面无破损，每处不达标扣 1 分', ['ads', 'road', 'park', 'station', 'market'], 1, 5, 72),
  I('item-010', 'civility', '市民文明素质', '文明行为', '无随地吐痰、乱扔杂物、不文明养犬等行为，每发现 1 人次扣 0.5 分', ['park', 'road', 'market'], 0.5, 3, 72)
]

export const DEMO_ROADS: Road[] = [
  { id: 'road-binhu', name: '滨湖路（南湾村段）', unitId: 'unit-zhujian', line: [[114.98, 35.727], [114.988, 35.7272], [114.996, 35.7275]], active: true }
]

const S = (id: string, name: string, kind: Site['kind'], latitude: number, longitude: number, villageId: string, unitId: string, roadId: string | null = null): Site =>
  ({ id, name, kind, location: { latitude, longitude }, villageId, unitId, address: name, roadId, active: true })

export const DEMO_SITES: Site[] = [
  S('site-py01-market', '幸福村菜市场', 'market', 35.7612, 115.03, 'py-01', 'unit-chengguan'),
  S('site-py01-alley', '幸福村后街小巷', 'alley', 35.7598, 115.0285, 'py-01', 'unit-town-puyang'),
  S('site-py01-ads', '幸福村村口公益广告栏', 'ads', 35.7605, 115.0312, 'py-01', 'unit-wenming'),
  S('site-py02-park', '闫口村文化广场', 'park', 35.7601, 115.0421, 'py-02', 'unit-town-puyang'),
  S('site-py03-school', '叶营小学周边', 'school', 35.7598, 115.054, 'py-03', 'unit-gongan'),
  S('site-yb02-community', '应滨社区', 'community', 35.7402, 115.042, 'yb-02', 'unit-town-yingbin'),
  S('site-bh-road', '滨湖路（南湾村段）', 'road', 35.7271, 114.986, 'bh-05', 'unit-town-binhu', 'road-binhu')
]

const CAMPAIGN_COUNTER = 'seed:campaign'

/** Seeds the demo campaign once (a district that already has a 测评体系 keeps its own). */
export async function seedCampaign(store: Store): Promise<void> {
  if ((await store.counters.get(CAMPAIGN_COUNTER)) > 0) return
  if (!(await store.campaign.catalog()).length) await store.campaign.putCatalog(DEMO_CATALOG)
  if (!(await store.campaign.roads()).length) await store.campaign.putRoads(DEMO_ROADS)
  if (!(await store.campaign.sites()).length) await store.campaign.putSites(DEMO_SITES)
  await store.counters.add(CAMPAIGN_COUNTER, 1)
}
