/** CSV for spreadsheet programs: RFC 4180 quoting, CRLF lines, a BOM so they read it as UTF-8. */
export function csv(rows: (string | number | null | undefined)[][]): string {
  const cell = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? '' : String(v)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return `\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
}
