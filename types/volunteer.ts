import { z } from 'zod'
import { action, id, pageInput, type Page } from './common'
import { fileId, type Report, type ReportStatus } from './report'

export { ACTIVITY_STATUSES, ACTIVITY_STATUS_NAMES, SIGNUP_STATUSES, SIGNUP_STATUS_NAMES, type ActivityStatus, type SignupStatus } from './names'
import { ACTIVITY_STATUSES, DRIVE_LIMITS as L, type ActivityStatus, type SignupStatus } from './names'

export interface Activity {
  id: string
  title: string
  description: string
  villageId: string
  address: string
  startAt: string
  endAt: string
  /** From when check-in is accepted (30 minutes before the start; the app shows the code box only from then). */
  checkinOpensAt: string
  capacity: number
  confirmedCount: number
  waitlistCount: number
  signupDeadline: string
  status: ActivityStatus
  organizerName: string
  /** Whether the caller organizes this drive. */
  isMine: boolean
  /** Whether the caller may edit or cancel it and see its roster and code (its organizer, admins). */
  mayManage: boolean
  /** The linked reports (发起清理 from a cluster of cases). */
  reportIds: string[]
  /** Where volunteers meet, for the map; null when the organizer gave only an address. */
  location: { latitude: number; longitude: number } | null
  cancelReason: string | null
  /** What the drive did for each linked case it recorded (issue 15; empty until the organizer records it). */
  outcomes: DriveOutcome[]
  /** Only for the organizer and admins: the code to show now (it changes every minute) and when it changes. */
  checkinCode?: string
  checkinCodeExpiresAt?: string
}

/** The outcome a drive's organizer recorded for one linked case, with the after-photos taken on site. */
export interface DriveOutcome {
  reportId: string
  fixed: boolean
  note: string | null
  photos: string[]
  /** Whether this drive resolved the case (false: not fixed, or it was resolved already). */
  resolvedByDrive: boolean
  recordedAt: string
}

/** What `volunteer.recordOutcome` did to each case. */
export interface OutcomeResult {
  reportId: string
  /** `resolved`: fixed and resolved by the drive; `noted`: not fixed, noted in its timeline; `unchanged`: already resolved or closed, nothing done. */
  result: 'resolved' | 'noted' | 'unchanged'
  status: ReportStatus
  message: string
}

/** Drives held in a place in a month (by where they happened, not where the volunteers live). */
export interface DriveFigures {
  /** Drives not cancelled that started in the month (and have started). */
  drives: number
  /** Credited hours of those drives, 1 decimal. */
  volunteerHours: number
  /** Cases the drives fixed and resolved. */
  fixedByVolunteers: number
}

export interface Signup {
  activityId: string
  /** In the roster (for the organizer): the volunteer's name. No openid leaves the server. */
  nickname?: string
  /** In the roster: the 真实姓名 the volunteer gave for certificates, or null. */
  realName?: string | null
  status: SignupStatus
  /** Place on the waitlist (1 = next to be promoted), only while waitlisted. */
  position?: number
  checkInAt: string | null
  checkOutAt: string | null
  minutes: number
  /** The organizer marked this signup a no-show after the drive (issue 25); absent: not. */
  noShow?: boolean
  /** In the roster: the volunteer's opaque handle (to mark a no-show) and how many drives they were a no-show on. */
  userId?: string
  noShows?: number
}

const isoTime = (what: string) =>
  z.string(`${what}必须是时间文字`).max(40, `${what}格式不正确`).refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), `${what}应为带时区的 ISO-8601 时间`)

const fields = {
  title: z.string().trim().min(L.title.min, `标题至少 ${L.title.min} 个字`).max(L.title.max, `标题最多 ${L.title.max} 个字`),
  description: z.string().trim().max(L.description.max, `说明最多 ${L.description.max} 个字`),
  villageId: id(),
  address: z.string().trim().min(L.address.min, `地址至少 ${L.address.min} 个字`).max(L.address.max, `地址最多 ${L.address.max} 个字`),
  startAt: isoTime('开始时间'),
  endAt: isoTime('结束时间'),
  capacity: z.number('人数必须是数字').int('人数必须是整数').min(L.capacity.min, `人数至少 ${L.capacity.min} 人`).max(L.capacity.max, `人数最多 ${L.capacity.max} 人`),
  signupDeadline: isoTime('报名截止时间')
}

const location = z.strictObject({
  latitude: z.number('纬度必须是数字').min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间'),
  longitude: z.number('经度必须是数字').min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间')
})

const code = z.string().trim().regex(/^\d{6}$/, '签到码为 6 位数字')

/** One linked case's outcome as the organizer enters it: fixed needs at least one after-photo, not fixed a note. */
const outcomeInput = z.strictObject({
  reportId: id(),
  fixed: z.boolean('fixed 只能是是或否'),
  photos: z.array(fileId, '照片应为列表').max(9, '最多 9 张照片').optional(),
  note: z.string().trim().max(500, '说明最多 500 个字').optional()
})

export const volunteerContract = {
  list: action<Page<Activity>>()(z.strictObject({ villageId: id().optional(), status: z.enum(ACTIVITY_STATUSES, '状态不正确').optional(), ...pageInput })),
  get: action<Activity & { mySignup: Signup | null }>()(z.strictObject({ id: id() })),
  create: action<Activity>()(
    z.strictObject({
      ...fields,
      signupDeadline: fields.signupDeadline.optional(),
      /** Open reports the drive cleans up; their timelines record it. */
      reportIds: z.array(id()).max(20, '最多关联 20 件上报').optional(),
      /** Without it, a drive linked to reports is placed at the middle of their locations. */
      location: location.optional(),
      /** Makes the submit idempotent: a retry with the same client id answers the drive already created. */
      clientId: z.string().min(8, 'clientId 至少 8 个字符').max(64, 'clientId 最多 64 个字符').optional()
    })
  ),
  /** The organizer or an admin, before the drive ends; capacity never below the confirmed count (promotes waitlisted people when raised). */
  update: action<Activity>()(
    z.strictObject({
      id: id(),
      title: fields.title.optional(),
      description: fields.description.optional(),
      address: fields.address.optional(),
      startAt: fields.startAt.optional(),
      endAt: fields.endAt.optional(),
      capacity: fields.capacity.optional(),
      signupDeadline: fields.signupDeadline.optional(),
      /** null removes the map point. */
      location: location.nullable().optional()
    })
  ),
  /** The organizer or an admin; messages everyone signed up. */
  cancelActivity: action<Activity>()(z.strictObject({ id: id(), reason: z.string().trim().min(2, '理由至少 2 个字').max(200, '理由最多 200 个字') })),
  /** Confirmed while places are free, else waitlisted with a position; a repeated signup answers the existing one. */
  signup: action<Signup>()(z.strictObject({ activityId: id() })),
  /** Before the start; a freed place goes to the first waitlisted person (messaged). */
  cancel: action<Signup>()(z.strictObject({ activityId: id() })),
  /** With the organizer's code, from 30 minutes before the start to the end. */
  /** With the code on the organizer's screen (it changes every minute); where the district requires it, the volunteer's location near the meeting point. */
  checkIn: action<Signup>()(z.strictObject({ activityId: id(), code, location: location.optional() })),
  checkOut: action<Signup>()(z.strictObject({ activityId: id(), code, location: location.optional() })),
  /** The organizer or an admin. */
  roster: action<{ items: Signup[] }>()(z.strictObject({ activityId: id() })),
  /**
   * The organizer (or an admin), after the drive: marks a volunteer who signed up and never checked in as a
   * no-show (`noShow: false` takes it back). The volunteer is told and sees it on their signup; the roster
   * shows each volunteer's no-shows across drives. Before the drive ends, or for someone who came: CONFLICT.
   */
  markNoShow: action<Signup>()(z.strictObject({ activityId: id(), userId: id(), noShow: z.boolean('未到场只能是是或否') })),
  mine: action<Page<Signup & { activity: Activity }>>()(z.strictObject({ ...pageInput })),
  leaderboard: action<{ items: { rank: number; nickname: string; minutes: number; stars: number }[]; me: { rank: number | null; minutes: number; stars: number } }>()(
    z.strictObject({ limit: z.number('数量必须是数字').int('数量必须是整数').min(1, '至少 1 名').max(100, '最多 100 名').optional(), scope: z.enum(['month', 'all'], '范围只能是 month 或 all').optional() })
  ),
  /** The roster as CSV (organizer, admin). */
  exportRoster: action<{ filename: string; csv: string }>()(z.strictObject({ activityId: id() })),
  /** 志愿服务证明 of the caller. */
  /**
   * The caller's 志愿服务证明, to their 真实姓名, for credited hours only (none: CONFLICT; no real
   * name: INVALID_INPUT on `realName`). Each certificate is stored with its number; unchanged hours
   * answer the one already issued.
   */
  certificate: action<{ name: string; hours: number; drives: number; issuer: string; number: string; date: string; stars: number }>()(z.strictObject({})),
  /**
   * The organizer or an admin, once the drive started (it ends there): per linked case, fixed (with
   * after-photos of the caller's own, ≥ 1; the case is resolved by the normal rule, its timeline
   * names the drive and its volunteers, the reporter and supporters are told) or not fixed (a note:
   * the case stays with its unit). A case already resolved is answered `unchanged`, never resolved twice.
   */
  recordOutcome: action<{ activity: Activity; results: OutcomeResult[] }>()(
    z.strictObject({ activityId: id(), outcomes: z.array(outcomeInput, '成效应为列表').min(1, '至少登记 1 件上报').max(20, '最多 20 件上报') })
  ),
  /** The drive's linked cases (in public form for residents) with the outcome recorded for each. */
  driveCases: action<{ items: (Report & { outcome: DriveOutcome | null })[] }>()(z.strictObject({ activityId: id() })),
  /** Checks a certificate by its number (its QR code): the name masked (张*明). A number never issued is `valid: false`. */
  verifyCertificate: action<
    { valid: false; number: string } | { valid: true; number: string; name: string; hours: number; drives: number; issuer: string; date: string }
  >()(z.strictObject({ number: z.string().trim().toUpperCase().max(40, '证书编号过长') }))
}
