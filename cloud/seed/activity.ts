import type { Ctx, Deps } from '../core/context'
import type { User } from '../../types/user'
import { accept, createReport } from '../core/report/cases'
import { checkIn, checkOut, createActivity, settleEnded, signup } from '../core/volunteer/cases'
import { isoLocal } from '../core/time'
import { currentCode } from '../core/volunteer/rules'

/**
 * Demo activity for `npm start`: a few residents' open cases around 幸福村菜市场 (one cluster that
 * a drive already cleans up), a finished drive whose volunteers were credited (so 我的志愿, the
 * certificate and the leaderboard have something to show), an open drive and a full one with a
 * waitlist. Everything goes through the use cases with the clock set to when it happened, so the
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

export async function seedDemoActivity(deps: Deps, now: Date = deps.clock()): Promise<void> {
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
  await accept(admin, heap.id)
  await accept(admin, alley.id)

  // A finished drive: five volunteers checked in; four checked out, one was credited until the end.
  const staffThen = await as('demo-staff', ago(12 * DAY))
  const past = await createActivity(staffThen, {
    title: '幸福村背街小巷周末大扫除', description: '清理背街小巷卫生死角，统一发放手套、夹子和垃圾袋。', villageId: 'py-01',
    address: '幸福村村委会门前', startAt: isoLocal(dayAt(now, -10, '09:00', deps), deps.config), endAt: isoLocal(dayAt(now, -10, '11:00', deps), deps.config),
    capacity: 10, location: { latitude: 35.7605, longitude: 115.0291 }
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

  // 发起清理 for the two accepted cases behind the market, the day after tomorrow.
  const staffNow = await as('demo-staff', ago(HOUR))
  const cleanup = await createActivity(staffNow, {
    title: '菜市场后巷集中清理', description: '清理后巷堆积的纸箱泡沫箱和排水沟垃圾，请穿耐脏的衣服。', villageId: 'py-01',
    address: '幸福村菜市场后巷', startAt: isoLocal(dayAt(now, 2, '09:00', deps), deps.config), endAt: isoLocal(dayAt(now, 2, '11:00', deps), deps.config),
    capacity: 8, reportIds: [heap.id, alley.id]
  })
  for (const v of DEMO_VOLUNTEERS.slice(0, 3)) await signup(await as(v.openid, ago(HOUR / 2)), cleanup.id)

  // A small drive already full, with one on the waitlist.
  const small = await createActivity(staffNow, {
    title: '村口宣传栏公益广告更新', description: '更换破损的公益广告画面。', villageId: 'py-01',
    address: '幸福村村口宣传栏', startAt: isoLocal(dayAt(now, 5, '15:00', deps), deps.config), endAt: isoLocal(dayAt(now, 5, '16:30', deps), deps.config),
    capacity: 2
  })
  for (const v of DEMO_VOLUNTEERS.slice(2, 5)) await signup(await as(v.openid, ago(HOUR / 4)), small.id)
}
