import type { Store, Category, Unit } from '../core/ports'
import type { Region } from '../../types/ranking'
import type { User } from '../../types/user'
import { defaultConfig, type Config } from '../core/config'
import { seedEvaluations } from './evaluations'
import { seedCampaign } from './campaign'

/**
 * The demo district (示范区) seeded on the first start of an empty data directory: three towns,
 * 36 villages and communities, the responsible units, the report categories with their SLA and
 * the demo identities of API.md. Ids are stable so tests and links can name them.
 */
export const DISTRICT_NAME = '示范区'

/**
 * Each town a block of village cells (rows × columns from its south-west corner, GCJ-02): the
 * villages of one town lie next to each other, 幸福村 (py-01) around 幸福村菜市场 (35.7612, 115.03),
 * 滨湖街道 to the south-west, 应滨街道 between them. Invented for the demo; a district imports its own.
 */
interface TownDef { id: string; name: string; prefix: string; villages: string[]; grid: { south: number; west: number; columns: number; cellLat: number; cellLng: number } }

const TOWNS: TownDef[] = [
  {
    id: 'town-puyang',
    name: '濮阳镇',
    prefix: 'py',
    grid: { south: 35.755, west: 115.024, columns: 6, cellLat: 0.01, cellLng: 0.012 },
    villages: [
      '幸福村', '闫口村', '叶营村', '焦庄村', '周庄村', '西湍村', '东湍村', '王庄村', '李寨村',
      '刘屯村', '孙楼村', '赵庄村', '高堤村', '马集村', '陈营村', '杨楼村', '张庄村', '胡寨村'
    ]
  },
  {
    id: 'town-binhu',
    name: '滨湖街道',
    prefix: 'bh',
    grid: { south: 35.695, west: 114.976, columns: 4, cellLat: 0.02, cellLng: 0.012 },
    villages: ['闫庄村', '湖滨社区', '柳岸社区', '北湖村', '南湾村', '渔港社区', '荷花村', '望湖社区']
  },
  {
    id: 'town-yingbin',
    name: '应滨街道',
    prefix: 'yb',
    grid: { south: 35.735, west: 115.024, columns: 5, cellLat: 0.01, cellLng: 0.012 },
    villages: ['薛庄社区', '应滨社区', '东关社区', '西关社区', '新华社区', '前进村', '后营村', '河东村', '河西村', '安居社区']
  }
]

const round6 = (n: number) => Math.round(n * 1e6) / 1e6

/** The cell of a town's i-th village: its center and its boundary (a closed ring). */
function cell(grid: TownDef['grid'], i: number): Pick<Region, 'center' | 'boundary'> {
  const south = grid.south + Math.floor(i / grid.columns) * grid.cellLat
  const west = grid.west + (i % grid.columns) * grid.cellLng
  const [s, w, n, e] = [south, west, south + grid.cellLat, west + grid.cellLng].map(round6) as [number, number, number, number]
  return {
    center: { latitude: round6((s + n) / 2), longitude: round6((w + e) / 2) },
    boundary: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] }
  }
}

function townCenter(town: TownDef) {
  const rows = Math.ceil(town.villages.length / town.grid.columns)
  return {
    latitude: round6(town.grid.south + (rows * town.grid.cellLat) / 2),
    longitude: round6(town.grid.west + (Math.min(town.villages.length, town.grid.columns) * town.grid.cellLng) / 2)
  }
}

export const REGIONS: Region[] = TOWNS.flatMap((town) => [
  { id: town.id, name: town.name, level: 'town' as const, parentId: null, center: townCenter(town), boundary: null },
  ...town.villages.map((name, i) => ({
    id: `${town.prefix}-${String(i + 1).padStart(2, '0')}`,
    name,
    level: 'village' as const,
    parentId: town.id,
    ...cell(town.grid, i)
  }))
])

export const UNITS: Unit[] = [
  { id: 'unit-chengguan', name: '城管执法局', townId: null },
  { id: 'unit-zhujian', name: '住建局', townId: null },
  { id: 'unit-jiaojing', name: '交警大队', townId: null },
  { id: 'unit-gongdian', name: '供电公司', townId: null },
  { id: 'unit-gongan', name: '公安分局', townId: null },
  { id: 'unit-wenming', name: '文明办', townId: null },
  ...TOWNS.map((t) => ({ id: `unit-${t.id}`, name: `${t.name}${t.name.endsWith('镇') ? '人民政府' : '办事处'}`, townId: t.id }))
]

/** Sentinel unit of a category handled by the village's own town office (分包). */
const TOWN_OFFICE = 'unit-town-office'

const C = (code: string, name: string, group: string, unitId: string, slaHours: number, kind: Category['kind'] = 'problem'): Category =>
  ({ code, name, group, unitId, slaHours, kind })

const CATEGORY_DEFS: Category[] = [
  C('zhandao', '占道经营', '市容秩序', 'unit-chengguan', 24),
  C('luandui', '乱堆杂物', '市容秩序', TOWN_OFFICE, 48),
  C('tiezhang', '乱张贴乱涂画', '市容秩序', 'unit-chengguan', 48),
  C('guanggao', '违规户外广告', '市容秩序', 'unit-chengguan', 72),
  C('beijie', '背街小巷卫生', '环境卫生', TOWN_OFFICE, 24),
  C('laji', '垃圾乱倒满溢', '环境卫生', TOWN_OFFICE, 24),
  C('tingche', '车辆乱停乱放', '交通秩序', 'unit-jiaojing', 24),
  C('feijidong', '非机动车乱停放', '交通秩序', 'unit-jiaojing', 48),
  C('yangquan', '不文明养犬', '文明养犬', 'unit-gongan', 48),
  // a category that asks its own questions (issue 27): both optional, so a quick report still goes through
  {
    ...C('feixian', '飞线充电', '安全隐患', 'unit-gongdian', 24),
    questions: [
      { code: 'charging', label: '是否有电动车正在充电', type: 'choice', required: false, options: ['是', '否'] },
      { code: 'floor', label: '楼层', type: 'number', required: false }
    ]
  },
  C('xianlan', '空中线缆杂乱', '安全隐患', 'unit-gongdian', 72),
  C('weidang', '工地围挡不规范', '施工工地', 'unit-zhujian', 48),
  C('yangchen', '工地扬尘', '施工工地', 'unit-zhujian', 24),
  C('wuzhangai', '无障碍设施损坏占用', '无障碍设施', 'unit-zhujian', 72),
  C('gongyi', '公益广告破损缺失', '公益广告', 'unit-wenming', 72),
  C('qita', '其他问题', '其他', TOWN_OFFICE, 72),
  C('dianzan', '文明点赞', '文明点赞', 'unit-wenming', 72, 'praise')
]

/** Categories as stored: a town-office category defaults to the first town's office. */
export const CATEGORIES: Category[] = CATEGORY_DEFS.map((c) =>
  c.unitId === TOWN_OFFICE ? { ...c, unitId: `unit-${TOWNS[0]!.id}` } : c
)

/** Categories that each village's own town office handles (分包 responsibility). */
const TOWN_CATEGORIES = CATEGORY_DEFS.filter((c) => c.unitId === TOWN_OFFICE).map((c) => c.code)

export const DEMO_USERS: User[] = [
  { openid: 'demo-resident', nickname: '王秀兰', role: 'resident', unitId: null, villageId: 'py-01', points: 0, volunteerMinutes: 0, elderMode: false },
  // named 测评员 by the admin, so the demo shows score entry by staff
  { openid: 'demo-staff', nickname: '李伟（城管）', role: 'staff', unitId: 'unit-chengguan', villageId: null, points: 0, volunteerMinutes: 0, elderMode: false, evaluator: true },
  { openid: 'demo-admin', nickname: '赵敏（文明办）', role: 'admin', unitId: 'unit-wenming', villageId: null, points: 0, volunteerMinutes: 0, elderMode: false }
]

const DISTRICT_COUNTER = 'seed:district'
const SEED_COUNTER = 'seed:demo'
const GEOGRAPHY_COUNTER = 'seed:geography'

/**
 * A district seeded before regions had geography gets the demo geography once, for the demo
 * regions still without any (a region the district gave its own geography is left alone).
 */
async function seedGeography(store: Store): Promise<false> {
  if ((await store.counters.get(GEOGRAPHY_COUNTER)) > 0) return false
  const stored = new Map((await store.directory.listRegions()).map((r) => [r.id, r]))
  const missing = REGIONS.filter((r) => stored.has(r.id) && !stored.get(r.id)!.center && !stored.get(r.id)!.boundary)
  if (missing.length) await store.directory.putRegions(missing.map((r) => ({ ...stored.get(r.id)!, center: r.center, boundary: r.boundary })))
  await store.counters.add(GEOGRAPHY_COUNTER, 1)
  return false
}

/**
 * Seeds the demo district's reference data (towns, villages, units, categories, 分包) once, with no
 * people and no scores: what a server outside demo mode starts from until the district imports
 * its own. Answers false when it was already there.
 */
export async function seedDistrict(store: Store): Promise<boolean> {
  if ((await store.counters.get(DISTRICT_COUNTER)) > 0) return seedGeography(store)
  await store.directory.putRegions(REGIONS)
  await store.counters.add(GEOGRAPHY_COUNTER, 1)
  for (const unit of UNITS) await store.directory.putUnit(unit)
  for (const category of CATEGORIES) await store.directory.putCategory(category)
  for (const town of TOWNS) {
    for (const village of REGIONS.filter((r) => r.parentId === town.id)) {
      for (const code of TOWN_CATEGORIES) await store.directory.putResponsibility(village.id, code, `unit-${town.id}`)
    }
  }
  await store.counters.add(DISTRICT_COUNTER, 1)
  return true
}

/** Seeds the demo district with its demo identities and months of scores once (demo mode); false when already seeded. */
export async function seedDemo(store: Store, now: Date = new Date(), config: Config = defaultConfig): Promise<boolean> {
  // the campaign came later (issue 26): a demo seeded before gets it once
  if ((await store.counters.get(SEED_COUNTER)) > 0) return (await seedCampaign(store), false)
  await seedDistrict(store)
  for (const user of DEMO_USERS) await store.users.insertIfAbsent(user)
  await seedEvaluations(store, now, config)
  await seedCampaign(store)
  await store.counters.add(SEED_COUNTER, 1)
  return true
}
