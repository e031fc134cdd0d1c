/**
 * CSV made in the browser. A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
 * is prefixed with `'` so a spreadsheet shows it as text instead of running it as a formula (CSV
 * injection); cells with a comma, quote or line break are quoted.
 */
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value)
  if (FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Rows as CSV text with CRLF line ends and a BOM, so Excel opens the Chinese text as UTF-8. */
export function toCsv(rows: unknown[][]): string {
  return '\ufeff' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

/** Offers the text as a file download. */
export function download(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
