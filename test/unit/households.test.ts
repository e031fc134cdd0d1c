import { householdIdOf, householdLabel } from '../../cloud/core/households/cases'
import { creditText } from '../../cloud/core/report/model'
import { previewHouseholds } from '../../admin/src/sheets'

/** 文明户 (issue 26): how the village page names a household, how a 门牌 is recognised, how the console reads a register; and the capped acceptance text (issue 28). */
it('a household on the village page: the 户主\'s first character, the rest masked (one or two stars), and the 门牌', () => {
  expect(householdLabel('张建国', '1组12号')).toBe('张** 家 · 1组12号')
  expect(householdLabel('王五', '2组1号')).toBe('王* 家 · 2组1号')
  expect(householdLabel('欧阳明华', '3组7号')).toBe('欧** 家 · 3组7号')
  expect(householdLabel(' 李 ', '9号')).toBe('李* 家 · 9号')
})

it('a 门牌 is the same household whatever its spaces and full-width digits, in its own village only', () => {
  expect(householdIdOf('py-01', '1组 １２号')).toBe(householdIdOf('py-01', '1组12号'))
  expect(householdIdOf('py-02', '1组12号')).not.toBe(householdIdOf('py-01', '1组12号'))
  expect(householdIdOf('py-01', '1组12号')).toMatch(/^hh[0-9a-f]{20}$/)
})

it('the console reads a register with 户主 and 门牌, naming the rows it refuses', () => {
  expect(previewHouseholds([['户主', '门牌'], ['张建国', '1组12号'], ['', ''], ['李秀英', ' 1组13号 ']])).toEqual({ rows: [{ row: 2, head: '张建国', door: '1组12号' }, { row: 4, head: '李秀英', door: '1组13号' }], errors: [] })
  expect(previewHouseholds([['姓名', '住址'], ['张建国', '1组12号'], ['李秀英', '1组12号'], ['王五', '']]).errors).toEqual(['第 3 行：门牌「1组12号」与第 2 行重复', '第 4 行：门牌不能为空'])
  expect(previewHouseholds([['名称'], ['张建国']]).errors).toEqual(['第 1 行应为表头：户主、门牌；可下载模板填写'])
})

it('the acceptance text says what a cap entered', () => {
  expect(creditText('感谢参与创建文明城市', 5)).toBe('感谢参与创建文明城市，获得 5 积分')
  expect(creditText('感谢参与创建文明城市', 0)).toBe('感谢参与创建文明城市')
  expect(creditText('感谢参与创建文明城市', 2, '每月')).toBe('感谢参与创建文明城市，获得 2 积分（已达每月积分上限，按上限计）')
  expect(creditText('感谢传递正能量', 0, '每日')).toBe('感谢传递正能量（已达每日积分上限，本次未获得积分）')
})
