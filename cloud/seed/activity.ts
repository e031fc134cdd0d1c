import type { Ctx, Deps } from '../core/context'
import type { User } from '../../types/user'
import { accept, createReport, support } from '../core/report/cases'
import { checkIn, checkOut, createActivity, settleEnded, signup } from '../core/volunteer/cases'
import { recordOutcome } from '../core/volunteer/outcome'
import { isoLocal } from '../core/time'
import { currentCode } from '../core/volunteer/rules'
import { photoChecked } from '../core/report/moderation'
import { AppError } from '../core/errors'

/**
 * Demo activity for `npm start`: a few residents' open cases around 幸福村菜市场 (one cluster that
 * a drive already cleans up), a finished drive whose volunteers were credited (so 我的志愿, the
 * certificate and the leaderboard have something to show), an open drive and a full one with a
 * waitlist. The finished drive was called for a cluster of two cases behind the village committee
 * and cleared them (issue 15): its organizer recorded both as fixed with after-photos, so the cases
 * show before and after, their timelines name the drive, and the village page counts the drive,
 * the hours served there and the cases fixed. Everything goes through the use cases with the clock set to when it happened, so the
 * timelines, counters and hours are what the app would have produced. Not seeded in tests.
 */
export const DEMO_VOLUNTEERS: User[] = ['张建国', '刘芳', '陈志强', '赵丽', '孙浩'].map((nickname, i) => ({
  openid: `demo-vol-${i + 1}`, nickname, role: 'resident', unitId: null, villageId: 'py-01', points: 0, volunteerMinutes: 0, elderMode: false, realName: nickname
}))

const MARKET = { latitude: 35.7612, longitude: 115.03 }
const HOUR = 3600_000
const DAY = 24 * HOUR

/** A moment `days` before or after today at hh:mm in the district's time. */
function dayAt(now: Date, days: number, hm: string, deps: Pick<Deps, 'config'>): Date {
  const date = isoLocal(new Date(now.getTime() + days * DAY), deps.config).slice(0, 10)
  return new Date(Date.parse(`${date}T${hm}:00Z`) - deps.config.utcOffsetMinutes * 60_000)
}

/** A demo photo (640×480 JPEG drawn from SVG shapes): the alley with litter and boxes before the drive, swept after it. */
async function demoPhoto(kind: 'before' | 'after'): Promise<Buffer> {
  const { default: sharp } = await import('sharp')
  const litter = kind === 'before'
    ? '<rect x="80" y="250" width="150" height="110" fill="#a0744a"/><rect x="200" y="210" width="130" height="150" fill="#8b5e34"/><rect x="380" y="280" width="170" height="90" fill="#b88a5a"/><circle cx="470" cy="400" r="26" fill="#e9e3d5"/><circle cx="150" cy="410" r="18" fill="#d8d2c4"/>'
    : '<rect x="60" y="300" width="520" height="12" fill="#3c8d3c"/><circle cx="560" cy="120" r="40" fill="#f4d35e"/>'
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="#b9c4cc"/><rect y="200" width="640" height="280" fill="#8f8f8f"/><rect x="0" y="60" width="40" height="420" fill="#c9b79c"/><rect x="600" y="60" width="40" height="420" fill="#c9b79c"/>${litter}</svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer()
}

export interface DemoActivityOptions {
  /** Stores a photo as uploaded by `owner` (the local file store); without it the cleared cases have no photos and no outcome is recorded. */
  savePhoto?: (bytes: Buffer, owner: string) => Promise<string>
}

/**
 * A step that refuses when done already: a retried transaction (`cloud/seed/retry.ts`) whose first
 * attempt committed without its answer arriving is answered CONFLICT (「已受理」…) the second time.
 */
async function once(step: () => Promise<unknown>): Promise<void> {
  try {
    await step()
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error
  }
}

export async function seedDemoActivity(given: Deps, now: Date = given.clock(), opts: DemoActivityOptions = {}): Promise<void> {
  // the demo's photos are drawn by the seed itself: they pass the image check as they are filed
  const deps: Deps = { ...given, mediaCheck: { submit: async (r) => { for (const p of r.photos) await photoChecked(given, r.id, p, 'pass') } } }
  for (const v of DEMO_VOLUNTEERS) await deps.store.users.insertIfAbsent(v)
  const as = async (openid: string, at: Date): Promise<Ctx> => ({ ...deps, clock: () => at, user: (await deps.store.users.get(openid))! })
  const ago = (ms: number) => new Date(now.getTime() - ms)

  // Residents' cases around the market; the town office accepts two of them.
  const file = async (openid: string, at: Date, category: string, description: string, dLat: number, dLng: number, address: string) =>
    createReport(await as(openid, at), {
      clientId: `demo-${openid}-${category}`, category, description, photos: [], villageId: 'py-01',
      location: { latitude: MARKET.latitude + dLat, longitude: MARKET.longitude + dLng, address }
    })
  await file('demo-resident', ago(2 * HOUR), 'zhandao', '菜市场东门早市摊位占了人行道，行人只能走机动车道', 0.0001, 0.0002, '幸福村菜市场东门')
  const heap = await file('demo-vol-1', ago(DAY), 'luandui', '菜市场后巷堆满废弃纸箱和泡沫箱，已经好几天没人清理', 0.0003, -0.0002, '幸福村菜市场后巷')
  const alley = await file('demo-vol-2', ago(DAY + 3 * HOUR), 'beijie', '后巷排水沟里有积存垃圾，天热有异味', 0.0004, 0.0001, '幸福村菜市场后巷')
  await file('demo-vol-3', ago(5 * HOUR), 'feixian', '3 号楼一楼窗户拉出电线给电动车充电', -0.002, 0.001, '幸福村 3 号楼')
  const admin = await as('demo-admin', ago(20 * HOUR))
  await once(() => accept(admin, heap.id))
  await once(() => accept(admin, alley.id))

  // A cluster of two cases behind the village committee, twelve days ago, with the reporters' photos;
  // a neighbour pressed 我也遇到 on the first.
  const photo = async (kind: 'before' | 'after', owner: string) => (opts.savePhoto ? [await opts.savePhoto(await demoPhoto(kind), owner)] : [])
  const fileThen = async (openid: string, clientId: string, category: string, description: string, dLat: number, dLng: number, address: string) =>
    createReport(await as(openid, ago(12 * DAY + 3 * HOUR)), {
      clientId, category, description, photos: await photo('before', openid), villageId: 'py-01',
      location: { latitude: 35.7605 + dLat, longitude: 115.0291 + dLng, address }
    })
  const litter = await fileThen('demo-vol-4', 'demo-vol-4-beijie-past', 'beijie', '村委会西侧小巷里塑料袋和落叶堆了一地，好久没人扫', 0.0002, -0.0003, '幸福村村委会西侧小巷')
  const boxes = await fileThen('demo-vol-5', 'demo-vol-5-luandui-past', 'luandui', '小巷拐角堆着废纸箱和旧家具，挡住了一半路', 0.0003, -0.0001, '幸福村村委会西侧小巷拐角')
  await support(await as('demo-resident', ago(12 * DAY + 2 * HOUR)), litter.id)

  // A finished drive called for that cluster by the 文明办 (an admin: a drive resolves a case only as its
  // organizer could, and these are the town office's): five volunteers checked in; four checked out, one was credited until the end.
  const staffThen = await as('demo-admin', ago(12 * DAY))
  const past = await createActivity(staffThen, {
    title: '幸福村背街小巷周末大扫除', description: '清理背街小巷卫生死角，统一发放手套、夹子和垃圾袋。', villageId: 'py-01',
    address: '幸福村村委会门前', startAt: isoLocal(dayAt(now, -10, '09:00', deps), deps.config), endAt: isoLocal(dayAt(now, -10, '11:00', deps), deps.config),
    capacity: 10, location: { latitude: 35.7605, longitude: 115.0291 }, reportIds: [litter.id, boxes.id], clientId: 'demo-drive-past'
  })
  const secret = (await deps.store.volunteer.getActivity(past.id))!.checkinSecret
  // each volunteer types the code the organizer's screen showed at that minute
  const codeAt = (at: Date) => currentCode(secret, at).code
  for (const [i, v] of DEMO_VOLUNTEERS.entries()) {
    await signup(await as(v.openid, ago(11 * DAY)), past.id)
    const inAt = dayAt(now, -10, `08:${50 + i}`, deps)
    await checkIn(await as(v.openid, inAt), past.id, codeAt(inAt))
    const outAt = dayAt(now, -10, `10:${30 + i * 5}`, deps)
    if (i < 4) await checkOut(await as(v.openid, outAt), past.id, codeAt(outAt))
  }
  await settleEnded({ ...deps, clock: () => now })
  // after the drive, its organizer records both cases fixed with the photos taken on site
  if (opts.savePhoto) {
    const organizer = await as('demo-admin', dayAt(now, -10, '11:20', deps))
    const after = [await photo('after', 'demo-admin'), await photo('after', 'demo-admin')]
    await once(() => recordOutcome(organizer, past.id, [
      { reportId: litter.id, fixed: true, photos: after[0]!, note: '小巷已清扫干净，垃圾已装袋清运' },
      { reportId: boxes.id, fixed: true, photos: after[1]!, note: '废纸箱和旧家具已搬走，道路已畅通' }
    ]))
  }

  // 发起清理 for the two accepted cases behind the market, the day after tomorrow.
  const staffNow = await as('demo-staff', ago(HOUR))
  const cleanup = await createActivity(staffNow, {
    title: '菜市场后巷集中清理', description: '清理后巷堆积的纸箱泡沫箱和排水沟垃圾，请穿耐脏的衣服。', villageId: 'py-01',
    address: '幸福村菜市场后巷', startAt: isoLocal(dayAt(now, 2, '09:00', deps), deps.config), endAt: isoLocal(dayAt(now, 2, '11:00', deps), deps.config),
    capacity: 8, reportIds: [heap.id, alley.id], clientId: 'demo-drive-cleanup'
  })
  for (const v of DEMO_VOLUNTEERS.slice(0, 3)) await signup(await as(v.openid, ago(HOUR / 2)), cleanup.id)

  // A small drive already full, with one on the waitlist.
  const small = await createActivity(staffNow, {
    title: '村口宣传栏公益广告更新', description: '更换破损的公益广告画面。', villageId: 'py-01',
    address: '幸福村村口宣传栏', startAt: isoLocal(dayAt(now, 5, '15:00', deps), deps.config), endAt: isoLocal(dayAt(now, 5, '16:30', deps), deps.config),
    capacity: 2, clientId: 'demo-drive-small'
  })
  for (const v of DEMO_VOLUNTEERS.slice(2, 5)) await signup(await as(v.openid, ago(HOUR / 4)), small.id)
}
