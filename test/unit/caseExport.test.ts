import ExcelJS from 'exceljs'
import { caseNumber } from '../../types/names'
import { caseRows, CASE_COLUMNS, EXPORT_MAX, neutralised, overdueText, readAll, sourceText, xlsxOf } from '../../admin/src/caseExport'
import { toCsv } from '../../admin/src/csv'
import type { Report } from '../../types/report'
import type { Region } from '../../types/ranking'

/** The console's 工单 export (admin/src/caseExport.ts): rows as a district office reads them, CSV and .xlsx with formulas neutralised. */
const regions: Region[] = [
  { id: 'town-a', name: '甲镇', level: 'town', parentId: null },
  { id: 'a-01', name: '幸福村', level: 'village', parentId: 'town-a' }
]
const units: Record<string, string> = { 'unit-chengguan': '城管执法局' }
const base: Report = {
  id: 'abcdef0123456789', category: 'zhandao', categoryName: '占道经营', description: '菜市场门口占道经营', photos: [],
  location: { latitude: 35.76, longitude: 115.03, address: '幸福村菜市场东门' }, villageId: 'a-01', status: 'resolved', unitId: 'unit-chengguan',
  anonymous: false, supportCount: 0, createdAt: '2026-11-01T23:30:00.000+08:00', dueAt: '2026-11-02T23:30:00.000+08:00', kind: 'problem',
  resolvedAt: '2026-11-03T08:05:00.000+08:00', rating: { score: 4, comment: null }, reporter: { nickname: '王秀兰' }, isMine: false, timeline: [],
  overdue: false, reply: '已清理', afterPhotos: [], source: 'app', moderation: 'passed', hidden: null, hiddenPhotos: []
}
const names = { unitName: (id: string) => units[id] ?? id, regions }

it('numbers a case as the app does, from the district date of filing (not the UTC one)', () => {
  // 2026-11-01 23:30 in the district is 15:30 UTC the same day; 00:30 on the 2nd is still the 1st in UTC
  expect(caseNumber(base)).toBe('20261101-ABCDEF')
  expect(caseNumber({ id: 'x1y2z3w', createdAt: '2026-11-01T16:30:00.000Z' })).toBe('20261102-X1Y2Z3')
})

it('builds the header and a row per case on the district clock, with names instead of ids', () => {
  const rows = caseRows([base, { ...base, id: 'ffff00', status: 'accepted', resolvedAt: null, rating: null, overdue: true, reporter: null, anonymous: true, villageId: null, location: { ...base.location, address: null }, source: 'open311:12345热线' }], names)
  expect(rows[0]).toEqual([...CASE_COLUMNS])
  expect(rows[0]).toEqual(['编号', '类别', '状态', '村居', '镇街', '地址', '描述', '补充信息', '责任单位', '上报时间', '办理时限', '是否超期', '办结时间', '评分', '来源', '上报人'])
  expect(rows[1]).toEqual(['20261101-ABCDEF', '占道经营', '已办结', '幸福村', '甲镇', '幸福村菜市场东门', '菜市场门口占道经营', '', '城管执法局', '2026-11-01 23:30', '2026-11-02 23:30', '超期办结', '2026-11-03 08:05', 4, '随手拍（小程序）', '王秀兰'])
  expect(rows[2]).toEqual(['20261101-FFFF00', '占道经营', '已受理', '', '', '', '菜市场门口占道经营', '', '城管执法局', '2026-11-01 23:30', '2026-11-02 23:30', '是', '', null, '12345热线（Open311）', '匿名'])
})

it('says whether a case is overdue, and that 文明点赞 have no deadline', () => {
  expect(overdueText({ kind: 'problem', overdue: false, dueAt: base.dueAt, resolvedAt: '2026-11-02T10:00:00.000+08:00' })).toBe('否')
  expect(overdueText({ kind: 'problem', overdue: true, dueAt: base.dueAt, resolvedAt: null })).toBe('是')
  expect(overdueText({ kind: 'praise', overdue: false, dueAt: null, resolvedAt: null })).toBe('无期限')
  expect(sourceText(undefined)).toBe('随手拍（小程序）')
})

it('neutralises formula cells in CSV and in the workbook, and keeps numbers numbers', async () => {
  const sly = { ...base, description: '=HYPERLINK("http://x","点我")', location: { ...base.location, address: '+1 路' }, reporter: { nickname: '@admin' } }
  const rows = caseRows([sly, { ...base, description: '-5 度结冰', reporter: { nickname: '\tTab' } }], names)
  expect(neutralised('=1+1')).toBe("'=1+1")
  expect(neutralised('\r换行')).toBe("'\r换行")
  expect(neutralised(-5)).toBe(-5)
  expect(neutralised('正常')).toBe('正常')

  const csv = toCsv(rows)
  expect(csv.startsWith('\ufeff编号,类别,状态,')).toBe(true)
  expect(csv).toContain(`,"'=HYPERLINK(""http://x"",""点我"")",`)
  expect(csv).toContain(",'+1 路,")
  expect(csv).toContain(",'@admin\r\n")

  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await xlsxOf(rows))
  const sheet = book.worksheets[0]!
  expect(sheet.name).toBe('工单')
  expect(sheet.getRow(1).values).toEqual([undefined, ...CASE_COLUMNS])
  expect(sheet.getCell('G2').value).toBe('\'=HYPERLINK("http://x","点我")')
  expect(sheet.getCell('F2').value).toBe("'+1 路")
  expect(sheet.getCell('P2').value).toBe("'@admin")
  expect(sheet.getCell('G3').value).toBe("'-5 度结冰")
  expect(sheet.getCell('P3').value).toBe("'\tTab")
  expect(sheet.getCell('N2').value).toBe(4) // a number, not text
  expect(sheet.getCell('A2').value).toBe('20261101-ABCDEF')
  // no cell of the workbook is a formula
  sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)))
})

it('reads a search page after page and stops at 5,000, saying so', async () => {
  const pagesOf = (total: number) => {
    const asked: (string | undefined)[] = []
    const fetch = async (cursor: string | undefined) => {
      asked.push(cursor)
      const start = cursor ? Number(cursor) : 0
      const items = Array.from({ length: Math.min(50, total - start) }, (_, i) => start + i)
      return { items, nextCursor: start + 50 < total ? String(start + 50) : null }
    }
    return { fetch, asked }
  }
  const small = pagesOf(120)
  expect(await readAll(small.fetch)).toEqual({ items: Array.from({ length: 120 }, (_, i) => i), capped: false })
  expect(small.asked).toEqual([undefined, '50', '100'])
  const exact = pagesOf(EXPORT_MAX)
  expect((await readAll(exact.fetch)).capped).toBe(false)
  const big = pagesOf(7000)
  const read = await readAll(big.fetch)
  expect(read.items).toHaveLength(EXPORT_MAX)
  expect(read.capped).toBe(true)
  expect(big.asked).toHaveLength(EXPORT_MAX / 50) // it stopped asking there
})

it('补充信息: the answers to the category’s own questions, label and value', () => {
  const rows = caseRows([{ ...base, answers: [{ code: 'charging', label: '是否有电动车正在充电', value: '是' }, { code: 'floor', label: '楼层', value: '3' }] }], names)
  expect(rows[1]![CASE_COLUMNS.indexOf('补充信息')]).toBe('是否有电动车正在充电：是；楼层：3')
})
