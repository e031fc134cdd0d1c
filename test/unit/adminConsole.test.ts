import { csvCell, toCsv } from '../../admin/src/csv'
import { previewGeography } from '../../admin/src/geojson'
import { readable } from '../../admin/src/readable'
import { REGIONS } from '../../cloud/seed/demo'

/** The district console's pure parts (admin/src): CSV export, operation-log values, the GeoJSON preview. */
describe('console CSV', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('neutralises a cell beginning like a formula: %j', (text) => {
    const cell = csvCell(text)
    expect(cell.replace(/^"|"$/g, '').startsWith(`'${text[0]}`)).toBe(true)
  })

  it('leaves other text alone and quotes commas, quotes and line breaks', () => {
    expect(csvCell('幸福村')).toBe('幸福村')
    expect(csvCell('a=b')).toBe('a=b')
    expect(csvCell(12)).toBe('12')
    expect(csvCell(null)).toBe('')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('one\ntwo')).toBe('"one\ntwo"')
  })

  it('makes CRLF rows with a BOM', () => {
    expect(toCsv([['a', 'b'], ['-1', '2']])).toBe("\ufeffa,b\r\n'-1,2\r\n")
  })
})

describe('operation log values', () => {
  it('reads as words', () => {
    expect(readable(null)).toBe('—')
    expect(readable({ stars: ['industry', 'branch'] })).toBe('星级：产业兴旺、支部过硬')
    expect(readable({ stars: [] })).toBe('星级：（无）')
    expect(readable({ role: 'admin', unitId: 'unit-wenming', evaluator: false }, { 'unit-wenming': '文明办' })).toBe('角色：管理员；单位：文明办；测评员：否')
    expect(readable({ scores: { environment: 90, order: 80 }, total: 85 })).toBe('分项：公共环境卫生：90；公共秩序：80；总分：85')
    expect(readable({ gridVillageIds: ['py-01', 'py-09'] }, { 'py-01': '幸福村' })).toBe('网格村居：幸福村、py-09')
    expect(readable({ gridVillageIds: [] })).toBe('网格村居：（无）')
  })
})

describe('GeoJSON preview', () => {
  const square = [[[115.037, 35.756], [115.047, 35.756], [115.047, 35.764], [115.037, 35.764], [115.037, 35.756]]]

  it('counts features, names the matching regions and the unknown ids, and sends only what the contract has', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name' },
      features: [
        { type: 'Feature', properties: { id: 'py-02', name: '闫口村', center: { latitude: 35.76, longitude: 115.042 } }, geometry: { type: 'Polygon', coordinates: square, bbox: [0, 0, 1, 1] } },
        { type: 'Feature', properties: { id: 'zz-99' }, geometry: null },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square } }
      ]
    })
    const preview = previewGeography(`\ufeff${text}`, REGIONS)
    if ('error' in preview) throw new Error(preview.error)
    expect(preview).toMatchObject({ count: 3, matched: [{ id: 'py-02', name: '闫口村', level: 'village' }], unknown: ['zz-99'], missingId: 1, withoutGeometry: 1 })
    expect(preview.collection).toEqual({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 'py-02', center: { latitude: 35.76, longitude: 115.042 } }, geometry: { type: 'Polygon', coordinates: square } },
        { type: 'Feature', properties: { id: 'zz-99' }, geometry: null },
        { type: 'Feature', properties: { id: undefined }, geometry: { type: 'Polygon', coordinates: square } }
      ]
    })
  })

  it('refuses what is not a FeatureCollection', () => {
    expect(previewGeography('not json', REGIONS)).toEqual({ error: '文件不是有效的 JSON' })
    expect(previewGeography('{"type":"Feature"}', REGIONS)).toHaveProperty('error', expect.stringContaining('不是 GeoJSON FeatureCollection'))
  })
})
