import { startCloud, type TestCloud } from '../helpers/cloud'
import type { CloudClient } from '../../src/services/cloud'
import { DriveForm } from '../../src/stores/driveForm'

let now = new Date('2026-11-24T08:00:00+08:00')
let cloud: TestCloud
let staff: string
beforeAll(async () => {
  cloud = await startCloud({ clock: () => now })
  staff = await cloud.login('demo-staff')
})
afterAll(() => cloud.close())

/** The app's HTTP client contract over the real server (src/services/cloud needs the Taro runtime). */
const clientOf = (token: string): CloudClient => ({
  call: async (fn, action, data) => {
    const answer = await cloud.call(token, fn, action, data)
    if (!answer.body.ok) throw Object.assign(new Error(answer.body.error.message), answer.body.error)
    return answer.body.data
  },
  upload: () => Promise.reject(new Error('not used')),
  fileUrl: (id) => id
})
const formOf = (token: string) => new DriveForm(clientOf(token))

it('says what is missing before sending, in the organizer’s words', () => {
  const f = formOf(staff)
  expect(f.problem).toBe('请填写活动标题（至少 2 个字）')
  f.set('title', '河道清理')
  expect(f.problem).toBe('请选择村居')
  f.set('villageId', 'py-01')
  expect(f.problem).toBe('请填写集合地点')
  f.set('address', '幸福村河堤')
  f.set('date', '2026/11/25')
  expect(f.problem).toBe('日期格式应为 YYYY-MM-DD')
  f.set('date', '2026-11-25')
  f.set('end', '08:00')
  expect(f.problem).toBe('结束时间必须晚于开始时间')
  f.set('end', '25:00')
  expect(f.problem).toBe('时间格式应为 HH:mm')
  f.set('end', '11:00')
  f.set('capacity', '0')
  expect(f.problem).toBe('招募人数应为 1–500 人')
  f.set('capacity', '2')
  expect(f.problem).toBeNull()
  // choosing another town clears the village
  f.set('townId', 'town-binhu')
  expect(f.villageId).toBe('')
})

it('creates a drive from a cluster, then edits only what changed', async () => {
  const f = formOf(staff)
  f.prefill({ reportIds: [], address: '幸福村村委会', villageId: 'py-01' })
  f.set('title', '村委会门前清理')
  f.set('date', '2026-11-26')
  f.set('capacity', '1')
  f.setLocation({ latitude: 35.76123456789, longitude: 115.0300001 })
  const created = await f.save()
  expect(created).toMatchObject({ title: '村委会门前清理', villageId: 'py-01', address: '幸福村村委会', capacity: 1, location: { latitude: 35.761235, longitude: 115.03 } })
  expect(Date.parse(created.startAt)).toBe(Date.parse('2026-11-26T09:00:00+08:00'))

  // someone takes the one place; the organizer may not go below it
  const resident = await cloud.login('form-resident')
  await cloud.ok(resident, 'volunteer', 'signup', { activityId: created.id })
  const edit = formOf(staff)
  await edit.edit(created.id)
  expect([edit.title, edit.date, edit.start, edit.end, edit.capacity]).toEqual(['村委会门前清理', '2026-11-26', '09:00', '11:00', '1'])
  edit.set('capacity', '0')
  expect(edit.problem).toBe('招募人数应为 1–500 人')
  edit.set('capacity', '3')
  edit.set('title', '村委会门前及河堤清理')
  const saved = await edit.save()
  expect(saved).toMatchObject({ title: '村委会门前及河堤清理', capacity: 3, confirmedCount: 1, address: '幸福村村委会', location: { latitude: 35.761235, longitude: 115.03 } })
  expect(Date.parse(saved.signupDeadline)).toBe(Date.parse(created.signupDeadline))

  // another staff member's form loads the drive but the server refuses the change
  const otherToken = await cloud.login('form-staff-2')
  await cloud.ok(await cloud.login('demo-admin'), 'user', 'setRole', { openid: 'form-staff-2', role: 'staff', unitId: 'unit-chengguan' })
  const other = formOf(otherToken)
  await other.edit(created.id)
  other.set('title', '别人的活动')
  await expect(other.save()).rejects.toMatchObject({ code: 'FORBIDDEN' })
  expect(other.saving).toBe(false)
})
