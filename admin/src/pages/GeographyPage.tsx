import { useCallback, useEffect, useMemo, useState } from 'react'
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography, Upload } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { Boundary, Region } from '../../../types/ranking'
import { ApiFailure, messageOf } from '../api'
import { previewGeography, type Preview } from '../geojson'
import { useSession } from '../session'
import { PageTitle } from '../Console'

type Row = Region & { children?: Row[] }

const centerText = (r: Region) => (r.center ? `${r.center.latitude.toFixed(6)}, ${r.center.longitude.toFixed(6)}` : '—')

function boundaryText(b: Boundary | null | undefined): string {
  if (!b) return '无'
  const polygons = b.type === 'Polygon' ? [b.coordinates] : b.coordinates
  const points = polygons.reduce((n, rings) => n + rings.reduce((m, ring) => m + ring.length, 0), 0)
  return `${b.type === 'Polygon' ? '多边形' : `${polygons.length} 个多边形`}，${points} 个点`
}

/**
 * 村居地理 (admins): the towns and villages of `ranking.regions` with their centers and
 * boundaries, and the import of a GeoJSON FeatureCollection (`ranking.importGeography`) after a
 * preview. The server checks every feature before storing any: an import with an error changes nothing.
 */
export function GeographyPage() {
  const { client } = useSession()
  const [regions, setRegions] = useState<Region[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [fileName, setFileName] = useState<string | null>(null)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [importing, setImporting] = useState(false)
  const [result, setResult] = useState<{ type: 'success' | 'error'; text: string } | null>(null)

  const load = useCallback(async () => {
    try {
      setRegions(await client.call('ranking', 'regions', {}))
      setLoadError(null)
    } catch (e) {
      setLoadError(messageOf(e))
    }
  }, [client])
  useEffect(() => void load(), [load])

  const tree = useMemo<Row[]>(() => {
    if (!regions) return []
    const towns = regions.filter((r) => r.level === 'town')
    const orphans = regions.filter((r) => r.level === 'village' && !towns.some((t) => t.id === r.parentId))
    return [...towns.map((t) => ({ ...t, children: regions.filter((v) => v.level === 'village' && v.parentId === t.id) })), ...orphans]
  }, [regions])

  const readFile = async (file: File) => {
    setResult(null)
    setFileName(file.name)
    const answer = previewGeography(await file.text(), regions ?? [])
    if ('error' in answer) {
      setPreview(null)
      setFileError(answer.error)
    } else {
      setPreview(answer)
      setFileError(null)
    }
  }

  const clear = () => {
    setFileName(null)
    setPreview(null)
    setFileError(null)
  }

  const runImport = async () => {
    if (!preview) return
    setImporting(true)
    setResult(null)
    try {
      const { updated } = await client.call('ranking', 'importGeography', preview.collection)
      setResult({ type: 'success', text: `导入成功：更新了 ${updated} 个区域的地理信息` })
      clear()
      await load()
    } catch (e) {
      const where = e instanceof ApiFailure && e.field ? `（位置：${e.field}）` : ''
      setResult({ type: 'error', text: `导入失败，未做任何修改：${messageOf(e)}${where}` })
    } finally {
      setImporting(false)
    }
  }

  const columns: ColumnsType<Row> = [
    { title: '名称', dataIndex: 'name', width: 200 },
    { title: '编号', dataIndex: 'id', width: 160 },
    { title: '级别', dataIndex: 'level', width: 90, render: (l: Region['level']) => (l === 'town' ? '镇街' : '村居') },
    { title: '中心点（纬度, 经度）', key: 'center', render: (_, r) => <span className='region-center'>{centerText(r)}</span> },
    { title: '边界', key: 'boundary', render: (_, r) => boundaryText(r.boundary) }
  ]

  return (
    <section>
      <PageTitle>村居地理</PageTitle>
      <Typography.Paragraph>
        镇街和村居的中心点与边界：随手拍据此判断问题所在的村居。坐标为 GCJ-02（国测局坐标，高德、腾讯地图所用），GeoJSON 中按 [经度, 纬度] 书写。
      </Typography.Paragraph>
      <Card title='导入 GeoJSON' style={{ marginBottom: 24 }}>
        <Typography.Paragraph>
          选择一个 GeoJSON FeatureCollection 文件：每个 Feature 的 <code>properties.id</code> 为镇街或村居编号，geometry 为 Polygon 或 MultiPolygon，可选 <code>properties.center</code>（{'{ latitude, longitude }'}）。
          所有区域通过检查后才一并保存；有任何错误则不做修改。
        </Typography.Paragraph>
        <Space wrap style={{ marginBottom: 16 }}>
          <Upload accept='.geojson,.json,application/geo+json,application/json' showUploadList={false} beforeUpload={(file) => { void readFile(file); return Upload.LIST_IGNORE }}>
            <Button>选择文件</Button>
          </Upload>
          {fileName && <span className='geo-file'>{fileName}</span>}
        </Space>
        {fileError && <Alert type='error' showIcon role='alert' message={fileError} style={{ marginBottom: 16 }} />}
        {preview && (
          <div className='geo-preview'>
            <Descriptions column={1} bordered size='small' style={{ marginBottom: 16 }}>
              <Descriptions.Item label='区域数'>{preview.count}</Descriptions.Item>
              <Descriptions.Item label='匹配的区域'>
                {preview.matched.length ? (
                  <Space size={[4, 4]} wrap>{preview.matched.map((m) => <Tag key={m.id}>{`${m.name}（${m.id}）`}</Tag>)}</Space>
                ) : '无'}
              </Descriptions.Item>
              <Descriptions.Item label='未知编号'>
                {preview.unknown.length ? (
                  <Space size={[4, 4]} wrap>{preview.unknown.map((id) => <Tag key={id} color='#a8071a'>{id}</Tag>)}</Space>
                ) : '无'}
              </Descriptions.Item>
              {preview.missingId > 0 && <Descriptions.Item label='缺少编号'>{preview.missingId} 个</Descriptions.Item>}
              {preview.withoutGeometry > 0 && <Descriptions.Item label='无边界'>{preview.withoutGeometry} 个（须有 properties.center）</Descriptions.Item>}
            </Descriptions>
            {(preview.unknown.length > 0 || preview.missingId > 0) && (
              <Alert type='warning' showIcon message='有区域编号不是本区的镇街或村居，服务器将拒绝整个导入。' style={{ marginBottom: 16 }} />
            )}
            <Space>
              <Button type='primary' loading={importing} onClick={() => void runImport()}>导入</Button>
              <Button onClick={clear}>取消</Button>
            </Space>
          </div>
        )}
        {result && <Alert type={result.type} showIcon role={result.type === 'error' ? 'alert' : 'status'} message={result.text} className='geo-result' style={{ marginTop: 16 }} />}
      </Card>
      {loadError && <Alert type='error' showIcon role='alert' message={loadError} style={{ marginBottom: 16 }} />}
      {regions && (
        <Table<Row>
          rowKey='id'
          columns={columns}
          dataSource={tree}
          pagination={false}
          size='small'
          expandable={{ defaultExpandAllRows: true }}
          locale={{ emptyText: '暂无镇街和村居' }}
        />
      )}
    </section>
  )
}
