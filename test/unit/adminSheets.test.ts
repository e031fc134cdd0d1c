import { parseCsv, parseScores, parseTsv, previewRegions, sheetScores } from '../../admin/src/sheets'
import type { Region } from '../../types/ranking'

/** The console's tables from files and the clipboard (基础数据, 测评): admin/src/sheets.ts. */
const stored: Region[] = [
  { id: 'town-a', name: '甲镇', level: 'town', parentId: null },
  { id: 'a-01', name: '一村', level: 'village', parentId: 'town-a' }
]

it('reads CSV with quotes, CRLF and a BOM, and Excel clipboard text', () => {
  expect(parseCsv('\uFEFF编号,名称\r\n"a,1","说""好"""\r\nb,二\n')).toEqual([['编号', '名称'], ['a,1', '说"好"'], ['b', '二']])
  expect(parseTsv('幸福村\t90\t80\r\n闫口村\t70\t60\r\n')).toEqual([['幸福村', '90', '80'], ['闫口村', '70', '60']])
})

it('previews a towns-and-villages table: new and changed rows, and each bad row by its line', () => {
  const ok = previewRegions([['编号', '名称', '级别', '上级编号'], ['town-b', '乙街道', '镇街', ''], ['b-01', '乙一社区', '村居', 'town-b'], ['a-01', '一村改名', 'village', 'town-a']], stored)
  expect(ok).toMatchObject({ errors: [], created: 2, updated: 1 })
  expect(ok.rows[1]).toEqual({ row: 3, id: 'b-01', name: '乙一社区', level: 'village', parentId: 'town-b' })
  const bad = previewRegions([['编号', '名称', '级别', '上级编号'], ['b-01', '乙一社区', '村居', 'town-x'], ['b-01', '重复', '村居', 'town-a'], ['town-a', '甲镇', '村居', 'town-a']], stored)
  expect(bad.errors).toEqual(expect.arrayContaining(['第 2 行：所属镇街「town-x」不存在', '第 3 行：编号「b-01」与第 2 行重复', '第 4 行：「town-a」不是镇街', '第 4 行：「town-a」已是镇街，不能改变级别']))
  expect(previewRegions([['id', 'x']], stored).errors).toEqual(['第 1 行应为表头：编号、名称、级别、上级编号'])
})

it('parses pasted scores by header or by the month order, and checks each cell', () => {
  const villages = [{ id: 'a-01', name: '一村' }, { id: 'a-02', name: '二村' }]
  const headed = parseScores([['村居', '公共秩序', '公共环境卫生'], ['一村', '80', '90.5'], ['a-02', '', '70']], villages, ['environment', 'order'])
  expect(headed).toEqual({ rows: [{ villageId: 'a-01', scores: { order: 80, environment: 90.5 } }, { villageId: 'a-02', scores: { order: null, environment: 70 } }], errors: [] })
  expect(sheetScores(headed.rows[1]!, ['environment', 'order'])).toEqual({ error: '「公共秩序」未填写' })
  expect(sheetScores(headed.rows[0]!, ['environment', 'order'])).toEqual({ scores: { environment: 90.5, order: 80 } })
  const bad = parseScores([['三村', '90', '90'], ['一村', '101', '90.25']], villages, ['environment', 'order'])
  expect(bad.errors).toEqual(['第 1 行：「三村」不是本区的村居', '第 2 行「公共环境卫生」应在 0–100 之间：101', '第 2 行「公共秩序」最多一位小数：90.25'])
  expect(parseScores([['村居', '志愿服务']], villages, ['environment', 'order']).errors).toEqual(['第 1 行：「志愿服务」不是本月的测评指标'])
})
