import type { Report } from '../../types/report'
import type { Region } from '../../types/ranking'
import { caseNumber } from '../../types/names'
import { districtTime, STATUS_NAMES } from './labels'

/**
 * The export of 工单 (a search of `report.queue`) as a district office reads it: one row per case,
 * times on the district's clock, names instead of ids. Pure rows here; the page pages through the
 * server and writes them as CSV (csv.ts) or .xlsx (`xlsxOf`, exceljs loaded only when exporting).
 */

/** The most cases an export reads (pages of 50). */
export const EXPORT_MAX = 5000

/**
 * Reads a search page after page up to `max` items (the pages the server answers, at most 50
 * each); `capped` when the server had more.
 */
export async function readAll<T>(fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>, max = EXPORT_MAX): Promise<{ items: T[]; capped: boolean }> {
  const items: T[] = []
  let cursor: string | undefined
  do {
    const page = await fetch(cursor)
    items.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor && items.length < max)
  return { items: items.slice(0, max), capped: cursor !== undefined || items.length > max }
}

export const CASE_COLUMNS = ['编号', '类别', '状态', '村居', '镇街', '地址', '描述', '补充信息', '责任单位', '上报时间', '办理时限', '是否超期', '办结时间', '评分', '来源', '上报人'] as const

/** 是否超期: open past the deadline (是), resolved after it (超期办结), else 否; 文明点赞 have no deadline. */
export function overdueText(r: Pick<Report, 'kind' | 'overdue' | 'dueAt' | 'resolvedAt'>): string {
  if (r.kind === 'praise' || !r.dueAt) return '无期限'
  if (r.overdue) return '是'
  if (r.resolvedAt && Date.parse(r.resolvedAt) > Date.parse(r.dueAt)) return '超期办结'
  return '否'
}

/** `app` → 随手拍（小程序）, `phone`/`visit` → filed by staff for a caller, `open311:<partner>` → the partner's name (Open311). */
export function sourceText(source: string | undefined): string {
  if (!source || source === 'app') return '随手拍（小程序）'
  if (source === 'phone') return '电话来电（代登记）'
  if (source === 'visit') return '群众来访（代登记）'
  return source.startsWith('open311:') ? `${source.slice('open311:'.length)}（Open311）` : source
}

/** 补充信息: the answers to the category's own questions (「楼层：3；是否有电动车正在充电：是」). */
export function answersText(r: Pick<Report, 'answers'>): string {
  return (r.answers ?? []).map((a) => `${a.label}：${a.value}`).join('；')
}

export type Cell = string | number | null

/** The header and a row per case. The reporter's name only where the server gave it (匿名 when the case is anonymous). */
export function caseRows(reports: Report[], names: { unitName: (id: string) => string; regions: Region[] }): Cell[][] {
  const byId = new Map(names.regions.map((r) => [r.id, r]))
  return [
    [...CASE_COLUMNS],
    ...reports.map((r) => {
      const village = r.villageId ? byId.get(r.villageId) : undefined
      const town = village?.parentId ? byId.get(village.parentId) : undefined
      return [
        caseNumber(r),
        r.categoryName,
        STATUS_NAMES[r.status],
        village?.name ?? '',
        town?.name ?? '',
        r.location.address ?? '',
        r.description,
        answersText(r),
        names.unitName(r.unitId),
        districtTime(r.createdAt),
        r.dueAt ? districtTime(r.dueAt) : '',
        overdueText(r),
        r.resolvedAt ? districtTime(r.resolvedAt) : '',
        r.rating ? r.rating.score : null,
        sourceText(r.source),
        r.reporter?.nickname ?? (r.anonymous ? '匿名' : '')
      ]
    })
  ]
}

/**
 * A text cell a spreadsheet could take for a formula (beginning with `=`, `+`, `-`, `@`, a tab or a
 * carriage return) gets a leading `'`, as the CSV does (cloud/core/csv.ts); numbers stay numbers.
 */
export function neutralised(v: Cell): Cell {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
}

/** The rows as an .xlsx workbook (one sheet, header bold and frozen), built in the browser; exceljs is loaded only here. */
export async function xlsxOf(rows: Cell[][], sheetName = '工单'): Promise<ArrayBuffer> {
  const mod = await import('exceljs')
  const ExcelJS = ((mod as unknown as { default?: typeof mod }).default ?? mod) as typeof mod
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
  for (const row of rows) sheet.addRow(row.map((v) => neutralised(v) ?? ''))
  sheet.getRow(1).font = { bold: true }
  const widths = [18, 14, 8, 10, 10, 24, 40, 30, 14, 17, 17, 10, 17, 6, 16, 12]
  sheet.columns.forEach((c, i) => (c.width = widths[i] ?? 12))
  return (await book.xlsx.writeBuffer()) as ArrayBuffer
}
