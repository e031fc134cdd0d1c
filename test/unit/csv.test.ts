import { csv, safeFileName } from '../../cloud/core/csv'

describe('exports safe to open in a spreadsheet', () => {
  it('neutralises text cells a spreadsheet would run as formulas, and keeps numbers', () => {
    const out = csv([['=cmd|"/c calc"!A1', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '普通', -5, 3.5]])
    expect(out).toBe(`\ufeff"'=cmd|""/c calc""!A1",'+1,'-2+3,'@SUM(A1),'\tx,"'\rx",普通,-5,3.5\r\n`)
  })

  it('file names carry no path separators, reserved or control characters', () => {
    expect(safeFileName('清理/垃圾:*?"<>|\\活动\u0000')).toBe('清理_垃圾_活动_')
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd')
    expect(safeFileName('')).toBe('导出')
    expect(safeFileName('长'.repeat(100))).toHaveLength(40)
  })
})
