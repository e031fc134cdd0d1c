/**
 * CSV for spreadsheet programs: RFC 4180 quoting, CRLF lines, a BOM so they read it as UTF-8.
 * A text cell that a spreadsheet would take for a formula (beginning with `=`, `+`, `-`, `@`, a tab
 * or a carriage return: a nickname `=cmd|…` would run) is neutralised with a leading apostrophe,
 * as OWASP's CSV-injection guidance says; numbers stay numbers.
 */
export function csv(rows: (string | number | null | undefined)[][]): string {
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
}

/** One cell of `csv` (also used by the console's exports, made in the browser). */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return ''
  let s = String(v)
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * A file name from text a user typed (a drive's title, a town's name): no path separators,
 * reserved or control characters (a `/` breaks WeChat's save), at most 40 characters.
 */
export function safeFileName(text: string): string {
  const clean = text.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_').replace(/^[.\s_]+|[.\s]+$/g, '').slice(0, 40)
  return clean || '导出'
}
