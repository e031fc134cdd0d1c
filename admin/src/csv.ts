/**
 * CSV made in the browser, by the same rules as the cloud's exports (cloud/core/csv.ts): formula
 * cells neutralised with `'`, RFC 4180 quoting, CRLF lines and a BOM for Excel.
 */
export { csv as toCsv, csvCell } from '../../cloud/core/csv'

/** Offers the text (or bytes: an .xlsx) as a file download. */
export function download(filename: string, data: BlobPart, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([data], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
