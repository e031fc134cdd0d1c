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
  const bad = previewRegions([['编号', '名称', '级别', '上级编号'], ['b-01', '乙一社区', '村居', 'town-x'], ['b-01', '重复', '村居', 'town-a'], ['town-a', '甲镇', '村居', 'a-01']], stored)
  expect(bad.errors).toEqual(expect.arrayContaining([
    '第 2 行：所属镇街「town-x」不存在；可填 甲镇，或在本文件中先列出该镇街',
    '第 3 行：与第 2 行是同一个村居（重复）',
    '第 4 行：「a-01」不是镇街；所属镇街可填 甲镇',
    '第 4 行：「甲镇」已是镇街，不能改为村居'
  ]))
  expect(previewRegions([['id', 'x']], stored).errors).toEqual(['第 1 行应为表头：名称、级别、所属镇街（编号可不填）；可下载模板填写'])
})

it('imports by names (issue 24): towns by name, ids made for new rows, stored rows found by name and town', () => {
  let n = 0
  const ids = (level: 'town' | 'village') => `${level}-${++n}`
  const preview = previewRegions([['名称', '级别', '所属镇街'], ['乙街道', '镇街', ''], ['乙一社区', '村居', '乙街道'], ['一村', '村居', '甲镇'], ['二村', '村', '甲镇']], stored, ids)
  expect(preview).toMatchObject({ errors: [], created: 3, updated: 1 })
  expect(preview.rows).toEqual([
    { row: 2, id: 'town-1', name: '乙街道', level: 'town', parentId: null },
    { row: 3, id: 'village-2', name: '乙一社区', level: 'village', parentId: 'town-1' },
    { row: 4, id: 'a-01', name: '一村', level: 'village', parentId: 'town-a' },
    { row: 5, id: 'village-3', name: '二村', level: 'village', parentId: 'town-a' }
  ])
  const bad = previewRegions([['名称', '级别', '所属镇街'], ['三村', '村居', '丙镇'], ['四村', '组', '甲镇'], ['五村', '村居', '']], stored, ids)
  expect(bad.errors).toEqual([
    '第 2 行：所属镇街「丙镇」不存在；可填 甲镇，或在本文件中先列出该镇街',
    '第 3 行：级别「组」不对，应为「镇街」或「村居」',
    '第 4 行：村居须填写所属镇街，如 甲镇'
  ])
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
