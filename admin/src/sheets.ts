import { SCORE_NAMES, type ScoreKey, type Scores } from '../../types/names'
import type { Region } from '../../types/ranking'

/**
 * Tables from files and the clipboard (基础数据 and 测评): CSV text, Excel's tab-separated
 * clipboard, and .xlsx workbooks (exceljs, loaded only when a workbook is opened). Every helper
 * answers plain rows of text; checking them is the pages' (and, finally, the server's) business.
 */

/** CSV text (RFC 4180: quotes, doubled quotes, CRLF or LF; a UTF-8 BOM is dropped) as rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const src = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"' && cell === '') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (cell !== '' || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

/** Excel's clipboard: rows by line, cells by tab. */
export const parseTsv = (text: string): string[][] =>
  text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n').map((line) => line.split('\t'))

/** The first worksheet of an .xlsx file as rows of text (formulas as their results, dates as YYYY-MM-DD). */
export async function readXlsx(data: ArrayBuffer): Promise<string[][]> {
  const mod = await import('exceljs')
  const ExcelJS = ((mod as unknown as { default?: typeof mod }).default ?? mod) as typeof mod
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(data)
  const sheet = book.worksheets[0]
  if (!sheet) return []
  const rows: string[][] = []
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = []
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) cells.push(cellText(row.getCell(c).value))
    rows[number - 1] = cells
  })
  return Array.from(rows, (r) => r ?? [])
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    const v = value as { result?: unknown; text?: unknown; richText?: { text: string }[] }
    if (v.richText) return v.richText.map((t) => t.text).join('')
    if (v.text !== undefined) return String(v.text)
    if (v.result !== undefined) return cellText(v.result)
    return ''
  }
  return String(value)
}

/** Rows of a file: .xlsx through exceljs, anything else as CSV text. */
export async function readTable(file: File): Promise<string[][]> {
  if (/\.xlsx$/i.test(file.name)) return readXlsx(await file.arrayBuffer())
  return parseCsv(await file.text())
}

// ---------------------------------------------------------------- towns and villages

export interface RegionImportRow { row: number; id: string; name: string; level: 'town' | 'village'; parentId: string | null }
export interface RegionPreview {
  rows: RegionImportRow[]
  /** Problems found in the browser, each naming its row (the server checks everything again). */
  errors: string[]
  created: number
  updated: number
}

const LEVELS: Record<string, 'town' | 'village'> = { town: 'town', village: 'village', 镇街: 'town', 镇: 'town', 街道: 'town', 村居: 'village', 村: 'village', 社区: 'village' }
const COLUMNS = { id: ['编号', 'id', '编号（可不填）'], name: ['名称', 'name'], level: ['级别', 'level'], parentId: ['所属镇街', '上级', '上级编号', '所属镇街编号', 'parentid', 'parent'] }

/** The template offered for download: the columns in the words a clerk uses, with two sample rows. */
export const REGION_TEMPLATE: string[][] = [
  ['名称', '级别', '所属镇街', '编号（可不填）'],
  ['新区街道', '镇街', '', ''],
  ['新华社区', '村居', '新区街道', '']
]

/** An id for a region the file names without one: a short random tail after its level. */
const newRegionId = (level: 'town' | 'village') => `${level === 'town' ? 't' : 'v'}-${Math.random().toString(36).slice(2, 10)}`

/**
 * A towns-and-villages table (header row: 名称, 级别 镇街/村居, 所属镇街 and, if wanted, 编号)
 * checked against itself and the stored regions: what the import will add and change, and which
 * rows are wrong. 所属镇街 is a town's name (濮阳镇) or its id; a row without 编号 is the stored
 * region of that name and town, or a new one. Every error names its row and says what would be
 * accepted.
 */
export function previewRegions(table: string[][], stored: Region[], makeId: (level: 'town' | 'village') => string = newRegionId): RegionPreview {
  const errors: string[] = []
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase())
  const col = (names: string[]) => header.findIndex((h) => names.includes(h))
  const at = { id: col(COLUMNS.id), name: col(COLUMNS.name), level: col(COLUMNS.level), parentId: col(COLUMNS.parentId) }
  if (at.name < 0 || at.level < 0) return { rows: [], errors: ['第 1 行应为表头：名称、级别、所属镇街（编号可不填）；可下载模板填写'], created: 0, updated: 0 }
  const known = new Map(stored.map((r) => [r.id, r]))
  const cell = (cells: string[], i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '')
  const lines = table.slice(1).map((cells, i) => ({ cells, row: i + 2 })).filter(({ cells }) => !cells.every((c) => !c.trim()))
  // the towns of the file and of the district, by name and by id
  const fileTowns = lines.filter(({ cells }) => LEVELS[cell(cells, at.level).toLowerCase()] === 'town')
  const townNames = new Map<string, string>(stored.filter((r) => r.level === 'town').map((t) => [t.name, t.id]))
  const storedByName = (name: string, level: 'town' | 'village', parentId: string | null) => stored.find((r) => r.name === name && r.level === level && (level === 'town' || r.parentId === parentId))
  const idOfTownLine = new Map<number, string>()
  for (const { cells, row } of fileTowns) {
    const name = cell(cells, at.name)
    const id = cell(cells, at.id) || storedByName(name, 'town', null)?.id || makeId('town')
    idOfTownLine.set(row, id)
    townNames.set(name, id)
  }
  const townIds = new Set([...stored.filter((r) => r.level === 'town').map((t) => t.id), ...idOfTownLine.values()])
  const allTownNames = () => [...new Set(townNames.keys())].slice(0, 12).join('、')
  const inFile = new Map<string, RegionImportRow>()
  const rows: RegionImportRow[] = []
  for (const { cells, row } of lines) {
    const name = cell(cells, at.name)
    const levelText = cell(cells, at.level)
    const level = LEVELS[levelText.toLowerCase()]
    const parentText = cell(cells, at.parentId)
    if (name.length < 2 || name.length > 30) errors.push(`第 ${row} 行：名称应为 2–30 个字，现为「${name}」`)
    if (!level) errors.push(`第 ${row} 行：级别「${levelText}」不对，应为「镇街」或「村居」`)
    let parentId: string | null = null
    if (level === 'town' && parentText) errors.push(`第 ${row} 行：镇街不应填写所属镇街`)
    if (level === 'village') {
      if (!parentText) errors.push(`第 ${row} 行：村居须填写所属镇街，如 ${allTownNames()}`)
      else if (townNames.has(parentText)) parentId = townNames.get(parentText)!
      else if (townIds.has(parentText)) parentId = parentText
      else if (known.has(parentText) || [...stored].some((r) => r.name === parentText)) errors.push(`第 ${row} 行：「${parentText}」不是镇街；所属镇街可填 ${allTownNames()}`)
      else errors.push(`第 ${row} 行：所属镇街「${parentText}」不存在；可填 ${allTownNames()}，或在本文件中先列出该镇街`)
    }
    const given = cell(cells, at.id)
    const id = level === 'town' ? idOfTownLine.get(row)! : given || (level ? storedByName(name, level, parentId)?.id : undefined) || makeId(level ?? 'village')
    if (given && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(given)) errors.push(`第 ${row} 行：编号「${given}」不对，应为 1–40 位字母、数字、“-”或“_”，也可不填`)
    else if (inFile.has(id)) errors.push(`第 ${row} 行：与第 ${inFile.get(id)!.row} 行是同一个${level === 'town' ? '镇街' : '村居'}（${name}）`)
    const existing = known.get(id)
    if (existing && level && existing.level !== level) errors.push(`第 ${row} 行：「${existing.name}」已是${existing.level === 'town' ? '镇街' : '村居'}，不能改为${level === 'town' ? '镇街' : '村居'}`)
    const r: RegionImportRow = { row, id, name, level: level ?? 'village', parentId }
    inFile.set(id, r)
    rows.push(r)
  }
  if (!rows.length && !errors.length) errors.push('文件中没有数据行')
  const created = rows.filter((r) => !known.has(r.id)).length
  return { rows, errors, created, updated: rows.length - created }
}

// ---------------------------------------------------------------- a month's scores

export interface ScoreSheetRow { villageId: string; scores: Partial<Record<ScoreKey, number | null>> }

/** A score as typed: a number 0–100 with at most one decimal, else an error message. */
export function scoreError(value: number | null | undefined): string | null {
  if (value === null || value === undefined || Number.isNaN(value)) return '未填写'
  if (value < 0 || value > 100) return '应在 0–100 之间'
  if (Math.round(value * 10) !== value * 10) return '最多一位小数'
  return null
}

/**
 * Pasted cells (Excel's clipboard, or a workbook's rows) as the month's sheet: each row begins
 * with the village (its id or name), then the indicators — in the order of a header row naming
 * them (公共环境卫生 …), else in the month's order. Unknown villages and bad numbers are errors
 * naming their row; rows of villages not in the paste are left as they were.
 */
export function parseScores(table: string[][], villages: { id: string; name: string }[], indicators: ScoreKey[]): { rows: ScoreSheetRow[]; errors: string[] } {
  const byName = new Map(villages.flatMap((v) => [[v.id, v.id], [v.name, v.id]] as [string, string][]))
  const names = new Map(Object.entries(SCORE_NAMES).map(([k, n]) => [n, k as ScoreKey]))
  let order = indicators
  let start = 0
  const first = table[0] ?? []
  if (first.length && !byName.has((first[0] ?? '').trim()) && first.slice(1).some((c) => names.has(c.trim()))) {
    const headed = first.slice(1).map((c) => names.get(c.trim()))
    const unknown = headed.findIndex((k) => !k || !indicators.includes(k))
    if (unknown >= 0) return { rows: [], errors: [`第 1 行：「${first[unknown + 1]}」不是本月的测评指标`] }
    order = headed as ScoreKey[]
    start = 1
  }
  const rows: ScoreSheetRow[] = []
  const errors: string[] = []
  table.slice(start).forEach((cells, i) => {
    const line = i + start + 1
    if (cells.every((c) => !c.trim())) return
    const villageId = byName.get((cells[0] ?? '').trim())
    if (!villageId) {
      errors.push(`第 ${line} 行：「${cells[0] ?? ''}」不是本区的村居`)
      return
    }
    const scores: Partial<Record<ScoreKey, number | null>> = {}
    order.forEach((k, j) => {
      const text = (cells[j + 1] ?? '').trim()
      const value = text === '' ? null : Number(text)
      const problem = text === '' ? null : scoreError(value)
      if (problem) errors.push(`第 ${line} 行「${SCORE_NAMES[k]}」${problem}：${text}`)
      scores[k] = problem ? null : value
    })
    rows.push({ villageId, scores })
  })
  return { rows, errors }
}

/** The sheet's row as the server takes it, or the first problem of the row. */
export function sheetScores(row: ScoreSheetRow, indicators: ScoreKey[]): { scores: Scores } | { error: string } {
  const scores: Scores = {}
  for (const k of indicators) {
    const problem = scoreError(row.scores[k])
    if (problem) return { error: `「${SCORE_NAMES[k]}」${problem}` }
    scores[k] = row.scores[k]!
  }
  return { scores }
}

// ---------------------------------------------------------------- households (文明户, issue 26)

export interface HouseholdImportRow { row: number; head: string; door: string }

/** The households template: 户主 and 门牌 as the village's register has them. */
export const HOUSEHOLD_TEMPLATE: string[][] = [
  ['户主', '门牌'],
  ['张建国', '1组12号'],
  ['李秀英', '1组13号']
]
const HOUSEHOLD_COLUMNS = { head: ['户主', '户主姓名', '姓名', 'head'], door: ['门牌', '门牌号', '住址', 'door'] }

/** A households table (header row: 户主, 门牌): its rows, and its problems, each naming its row (the server checks again). */
export function previewHouseholds(table: string[][]): { rows: HouseholdImportRow[]; errors: string[] } {
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase())
  const head = header.findIndex((h) => HOUSEHOLD_COLUMNS.head.includes(h))
  const door = header.findIndex((h) => HOUSEHOLD_COLUMNS.door.includes(h))
  if (head < 0 || door < 0) return { rows: [], errors: ['第 1 行应为表头：户主、门牌；可下载模板填写'] }
  const errors: string[] = []
  const rows: HouseholdImportRow[] = []
  const seen = new Map<string, number>()
  table.slice(1).forEach((cells, i) => {
    const row = i + 2
    if (cells.every((c) => !c.trim())) return
    const h = (cells[head] ?? '').trim()
    const d = (cells[door] ?? '').trim()
    if (!h || !d) errors.push(`第 ${row} 行：${!h ? '户主' : '门牌'}不能为空`)
    else if ([...h].length > 20 || [...d].length > 30) errors.push(`第 ${row} 行：户主最多 20 个字，门牌最多 30 个字`)
    else if (seen.has(d.replace(/\s+/g, ''))) errors.push(`第 ${row} 行：门牌「${d}」与第 ${seen.get(d.replace(/\s+/g, ''))} 行重复`)
    else {
      seen.set(d.replace(/\s+/g, ''), row)
      rows.push({ row, head: h, door: d })
    }
  })
  if (!rows.length && !errors.length) errors.push('文件中没有住户')
  return { rows, errors }
}
