import { useEffect, useMemo, useState } from 'react'
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Space, Statistic, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs, { type Dayjs } from 'dayjs'
import type { Dashboard, DashboardUnit } from '../../../types/report'
import type { Region } from '../../../types/ranking'
import { messageOf } from '../api'
import { districtTime } from '../labels'
import { useSession } from '../session'
import { PageTitle } from '../Console'
import { byNumber, byText, ELLIPSIS } from '../tables'
import { Chart, echarts } from '../charts/Chart'
import { CaseDrawer } from './CaseDrawer'

type Overdue = Dashboard['overdue'][number]
type VillageRow = Dashboard['byVillage'][number]
const rate = (x: number | null) => (x === null ? '—' : `${x}%`)
const DISTRICT_MAP = 'civic-district'

/** The villages' boundaries as a GeoJSON FeatureCollection for `echarts.registerMap` (GCJ-02, drawn as given: offline). */
function districtGeoJson(regions: Region[]) {
  const features = regions
    .filter((r) => r.level === 'village' && r.boundary)
    .map((r) => ({ type: 'Feature' as const, properties: { name: r.name, id: r.id }, geometry: r.boundary! }))
  return features.length ? { type: 'FeatureCollection' as const, features } : null
}

/**
 * 仪表盘: `report.dashboard` for this month (default) or a chosen range — admins the district, staff
 * their own unit (the server decides). Cases by day, category, village and unit, the units' league
 * table, the overdue list (each opens the case drawer), a map of the district shaded by cases per
 * village, and drives and volunteer hours by village. Every chart has its table beside it.
 */
export function DashboardPage() {
  const { client } = useSession()
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null)
  const [data, setData] = useState<Dashboard | null>(null)
  const [regions, setRegions] = useState<Region[]>([])
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [openId, setOpenId] = useState<string | null>(null)
  const [reloads, setReloads] = useState(0)

  useEffect(() => {
    client.call('ranking', 'regions', {}).then(setRegions, () => setRegions([]))
  }, [client])

  useEffect(() => {
    setLoading(true)
    setError(null)
    const input = range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : {}
    client
      .call('report', 'dashboard', input)
      .then(setData, (e) => {
        setError(messageOf(e))
        setData(null)
      })
      .finally(() => setLoading(false))
  }, [client, range, reloads])

  const mapReady = useMemo(() => {
    const geo = districtGeoJson(regions)
    if (!geo) return false
    echarts.registerMap(DISTRICT_MAP, geo as never)
    return true
  }, [regions])

  const options = useMemo(() => {
    if (!data) return null
    const days = data.byDay.map((d) => d.date.slice(5))
    // counts of a day are bars (a smoothed curve would draw values between days that never were)
    const series = (key: 'received' | 'accepted' | 'resolved' | 'overdue', name: string) => ({ name, type: 'bar', data: data.byDay.map((d) => d[key]) })
    const maxCount = Math.max(1, ...data.byVillage.map((v) => v.count))
    const villagesWithDrives = data.byVillage.filter((v) => v.drives > 0)
    return {
      byDay: {
        tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 16, bottom: 30 },
        xAxis: { type: 'category', data: days }, yAxis: { type: 'value', minInterval: 1 },
        series: [series('received', '受理（上报）'), series('accepted', '已受理'), series('resolved', '办结'), series('overdue', '超期')]
      },
      byCategory: {
        tooltip: {}, grid: { left: 120, right: 16 }, xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: data.byCategory.map((c) => c.name) },
        series: [{ type: 'bar', name: '件数', data: data.byCategory.map((c) => c.count), itemStyle: { color: '#c8161d' } }]
      },
      byUnit: {
        tooltip: {}, legend: {}, grid: { left: 110, right: 16 }, xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: data.units.map((u) => u.name) },
        series: [
          { type: 'bar', name: '收到', data: data.units.map((u) => u.received) },
          { type: 'bar', name: '办结', data: data.units.map((u) => u.resolved) }
        ]
      },
      map: mapReady
        ? {
            tooltip: { trigger: 'item', formatter: (p: { name: string; value?: number }) => `${p.name}：${Number.isFinite(p.value) ? p.value : 0} 件` },
            visualMap: { min: 0, max: maxCount, left: 'left', bottom: 10, text: ['多', '少'], calculable: true, inRange: { color: ['#fff5f0', '#fb6a4a', '#a50f15'] } },
            // every village named on the map, its count beside the name where it has cases
            series: [{
              type: 'map', map: DISTRICT_MAP, roam: true, name: '上报件数', labelLayout: { hideOverlap: true },
              label: { show: true, fontSize: 11, formatter: (p: { name: string; value?: number }) => (Number(p.value) > 0 ? `${p.name}\n${p.value}` : p.name) },
              data: data.byVillage.map((v) => ({ name: v.name, value: v.count }))
            }]
          }
        : null,
      drives: {
        tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 40, bottom: 60 },
        xAxis: { type: 'category', data: villagesWithDrives.map((v) => v.name), axisLabel: { rotate: 30 } },
        yAxis: [{ type: 'value', name: '场次', minInterval: 1 }, { type: 'value', name: '小时' }],
        series: [
          { type: 'bar', name: '志愿活动', data: villagesWithDrives.map((v) => v.drives) },
          { type: 'bar', name: '志愿时长（小时）', yAxisIndex: 1, data: villagesWithDrives.map((v) => v.volunteerHours) }
        ]
      }
    }
  }, [data, mapReady])

  const unitColumns: ColumnsType<DashboardUnit & { rank: number }> = [
    // the dashboard's answer holds every unit: sorted here
    { title: '名次', dataIndex: 'rank', width: 64, sorter: byNumber((u) => u.rank) },
    { title: '单位', dataIndex: 'name', ...ELLIPSIS, sorter: byText((u) => u.name) },
    { title: '收到', dataIndex: 'received', sorter: byNumber((u) => u.received) },
    { title: '办结', dataIndex: 'resolved', sorter: byNumber((u) => u.resolved) },
    { title: '按期办结', dataIndex: 'resolvedOnTime', sorter: byNumber((u) => u.resolvedOnTime) },
    { title: '按期率', dataIndex: 'onTimeRate', render: rate, sorter: byNumber((u) => u.onTimeRate) },
    { title: '平均评分', dataIndex: 'ratingAverage', sorter: byNumber((u) => u.ratingAverage), render: (x: number | null, u) => (x === null ? '—' : `${x}（${u.ratingCount} 条）`) },
    { title: '在办超期', dataIndex: 'overdueOpen', sorter: byNumber((u) => u.overdueOpen) }
  ]
  const overdueColumns: ColumnsType<Overdue> = [
    { title: '问题', dataIndex: 'categoryName', render: (name: string, o) => <Button type='link' onClick={() => setOpenId(o.id)}>{name}</Button> },
    { title: '村居', dataIndex: 'villageName', ...ELLIPSIS, sorter: byText((o) => o.villageName), render: (x: string | null) => x ?? '—' },
    { title: '单位', dataIndex: 'unitName', ...ELLIPSIS, sorter: byText((o) => o.unitName) },
    { title: '上报时间', dataIndex: 'createdAt', render: districtTime, sorter: byText((o) => o.createdAt) },
    { title: '办理期限', dataIndex: 'dueAt', render: districtTime, sorter: byText((o) => o.dueAt) },
    { title: '已超期', dataIndex: 'overdueHours', sorter: byNumber((o) => o.overdueHours), render: (h: number) => (h >= 48 ? `${Math.floor(h / 24)} 天` : `${h} 小时`) }
  ]
  const villageColumns: ColumnsType<VillageRow> = [
    { title: '村居', dataIndex: 'name', ...ELLIPSIS, sorter: byText((v) => v.name) },
    { title: '上报件数', dataIndex: 'count', sorter: (a, b) => a.count - b.count, defaultSortOrder: 'descend' },
    { title: '志愿活动', dataIndex: 'drives', sorter: (a, b) => a.drives - b.drives },
    { title: '志愿时长（小时）', dataIndex: 'volunteerHours', sorter: (a, b) => a.volunteerHours - b.volunteerHours }
  ]

  const scopeText = data ? (data.scope.kind === 'district' ? '全区' : `${data.scope.name}（本单位的工单）`) : ''
  return (
    <div>
      <PageTitle>仪表盘</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          aria-label='统计时间范围'
          value={range}
          allowClear
          disabledDate={(d) => d.isAfter(dayjs().add(1, 'day'))}
          onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
        />
        <Button onClick={() => setRange(null)} disabled={!range}>本月</Button>
        {data && <Typography.Text data-testid='dashboard-range'>{`${scopeText} · ${data.from} 至 ${data.to}`}</Typography.Text>}
      </Space>
      {error && <Alert type='error' showIcon message={error} style={{ marginBottom: 16 }} />}
      {loading && !data && <Typography.Paragraph>正在统计…</Typography.Paragraph>}
      {data && options && (
        <>
          <Row gutter={[16, 16]}>
            {([
              ['受理（上报）', data.totals.received, 'received'],
              ['已受理', data.totals.accepted, 'accepted'],
              ['办结', data.totals.resolved, 'resolved'],
              ['超期', data.totals.overdue, 'overdue'],
              ['当前在办超期', data.totals.overdueNow, 'overdueNow']
            ] as const).map(([title, value, key]) => (
              <Col key={key} xs={12} md={8} lg={4}>
                <Card size='small'><div data-testid={`total-${key}`}><Statistic title={title} value={value} /></div></Card>
              </Col>
            ))}
            <Col xs={12} md={8} lg={4}>
              <Card size='small'><div data-testid='total-onTimeRate'><Statistic title='按期率' value={rate(data.totals.onTimeRate)} /></div></Card>
            </Col>
          </Row>
          <Card title='每日受理、办结与超期' size='small' style={{ marginTop: 16 }}>
            {data.byDay.some((d) => d.received + d.accepted + d.resolved + d.overdue > 0) ? (
              <Chart option={options.byDay} label='每日受理、已受理、办结与超期件数柱状图' testId='chart-by-day' />
            ) : (
              <Empty description='所选时间内没有上报' />
            )}
          </Card>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={12}>
              <Card title='按问题类型' size='small'>
                {data.byCategory.length ? <Chart option={options.byCategory} label='各问题类型的上报件数柱状图' height={Math.max(200, data.byCategory.length * 28)} /> : <Empty description='所选时间内没有上报' />}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title='按责任单位' size='small'>
                {data.units.some((u) => u.received + u.resolved > 0) ? <Chart option={options.byUnit} label='各单位受理与办结件数柱状图' height={Math.max(200, data.units.length * 32)} /> : <Empty description='所选时间内各单位没有受理工单' />}
              </Card>
            </Col>
          </Row>
          <Card title='单位办理排行（按期率、评分）' size='small' style={{ marginTop: 16 }}>
            <Table rowKey='unitId' size='small' pagination={false} columns={unitColumns} dataSource={data.units.map((u, i) => ({ ...u, rank: i + 1 }))} data-testid='league' />
          </Card>
          <Card title={`超期工单（共 ${data.totals.overdueNow} 件${data.totals.overdueNow > data.overdue.length ? `，显示超期最久的 ${data.overdue.length} 件` : ''}）`} size='small' style={{ marginTop: 16 }}>
            <Table rowKey='id' size='small' pagination={false} columns={overdueColumns} dataSource={data.overdue} locale={{ emptyText: '没有超期工单' }} data-testid='overdue-list' />
          </Card>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={12}>
              <Card title='各村居上报分布' size='small'>
                {options.map ? <Chart option={options.map} label='按村居上报件数着色的辖区地图' height={420} testId='chart-map' /> : <Typography.Text>尚未导入村居边界（村居地理页可导入）。</Typography.Text>}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title='志愿活动与志愿时长（按活动所在村居）' size='small'>
                {data.byVillage.some((v) => v.drives > 0) ? <Chart option={options.drives} label='各村居志愿活动场次与志愿时长柱状图' height={420} /> : <Empty description='所选时间内没有志愿活动' />}
              </Card>
            </Col>
          </Row>
          <Card title='各村居明细' size='small' style={{ marginTop: 16 }}>
            <Table rowKey='villageId' size='small' columns={villageColumns} dataSource={data.byVillage} pagination={{ pageSize: 10, showTotal: (n) => `共 ${n} 个村居`, showSizeChanger: false }} data-testid='villages' />
          </Card>
        </>
      )}
      <CaseDrawer id={openId} onClose={() => setOpenId(null)} onChanged={() => setReloads((n) => n + 1)} />
    </div>
  )
}
