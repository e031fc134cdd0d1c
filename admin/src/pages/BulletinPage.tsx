import { useEffect, useState } from 'react'
import { Alert, Button, Space, Spin, Table, Tag } from 'antd'
import { KIND_NAMES, STAR_NAMES } from '../../../types/names'
import type { Board, BoardRow } from '../../../types/ranking'
import type { DashboardUnit } from '../../../types/report'
import { messageOf } from '../api'
import { useSession } from '../session'

/** The month's first and last day (`report.dashboard` takes a date range). */
export function monthRange(period: string): { from: string; to: string } {
  const [y, m] = period.split('-').map(Number) as [number, number]
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` }
}

const change = (r: BoardRow) => {
  if (r.rank === null || r.previousRank === null) return '—'
  const d = r.previousRank - r.rank
  return d > 0 ? `↑${d}` : d < 0 ? `↓${-d}` : '持平'
}

interface Honors { feihu: BoardRow[]; woniu: BoardRow[] }

/**
 * 月度通报 (`#/bulletin/<YYYY-MM>`): the month's board, 飞虎榜 and 蜗牛榜 (`ranking.honors`: the
 * best and worst ranks, ties kept) and the units' on-time rates of the month (`report.dashboard`'s
 * league table), laid out to print on A4 (console.css `@media print`: no menu, no header, no buttons).
 */
export function BulletinPage({ period }: { period: string }) {
  const { client } = useSession()
  const [board, setBoard] = useState<Board | null>(null)
  const [honors, setHonors] = useState<Honors | null>(null)
  const [units, setUnits] = useState<DashboardUnit[] | null>(null)
  const [published, setPublished] = useState<boolean | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    setError(null)
    Promise.all([
      client.call('ranking', 'board', { period }),
      client.call('ranking', 'honors', { period }),
      client.call('report', 'dashboard', monthRange(period)).then((d) => d.units, () => null),
      client.call('ranking', 'periods', {})
    ]).then(([b, h, u, p]) => {
      setBoard(b)
      setHonors(h)
      setUnits(u)
      setPublished(p.published.includes(period))
    }, (e) => setError(messageOf(e)))
  }, [client, period])

  if (error) return <Alert type='error' showIcon message={error} />
  if (!board || !honors) return <Spin />
  const [y, m] = period.split('-')
  const ranked = board.rows.filter((r) => r.rank !== null)
  const honorRows = (rows: BoardRow[]) => rows.map((r) => `${r.villageName}（${r.townName}，${r.score} 分）`).join('、') || '—'

  return (
    <article className='bulletin' aria-label='月度通报'>
      <Space className='no-print' style={{ marginBottom: 16 }}>
        <Button href='#/evaluation'>返回测评</Button>
        <Button type='primary' onClick={() => window.print()}>打印 / 导出 PDF</Button>
        {published === false && <Tag color='orange'>本月结果尚未发布，居民暂不可见</Tag>}
      </Space>
      <header className='bulletin-head'>
        <h1>关于 {y} 年 {Number(m)} 月文明村居{KIND_NAMES[board.kind]}结果的通报</h1>
        <p>示范区创建全国文明城市工作指挥部办公室</p>
      </header>
      <p>
        本月共测评 {ranked.length} 个村居（社区）。按照测评细则，现将{KIND_NAMES[board.kind]}结果、飞虎榜和蜗牛榜、各责任单位按期办结情况通报如下。
      </p>
      <section>
        <h2>一、飞虎榜与蜗牛榜</h2>
        <p><strong>飞虎榜：</strong>{honorRows(honors.feihu)}</p>
        <p><strong>蜗牛榜：</strong>{honorRows(honors.woniu)}</p>
      </section>
      <section>
        <h2>二、村居排名</h2>
        <Table<BoardRow> className='bulletin-table' rowKey='villageId' size='small' pagination={false} dataSource={ranked}
          columns={[
            { title: '排名', dataIndex: 'rank', width: 60 },
            { title: '村居', dataIndex: 'villageName' },
            { title: '镇街', dataIndex: 'townName' },
            { title: '得分', dataIndex: 'score', width: 80 },
            { title: '较上月', render: (_, r) => change(r), width: 80 },
            { title: '五星支部', render: (_, r) => r.stars.map((s) => STAR_NAMES[s]).join('、') || '—' }
          ]} />
      </section>
      <section>
        <h2>三、责任单位按期办结率</h2>
        {units ? (
          <Table<DashboardUnit> className='bulletin-table' rowKey='unitId' size='small' pagination={false} dataSource={units}
            columns={[
              { title: '单位', dataIndex: 'name' },
              { title: '受理', dataIndex: 'received', width: 70 },
              { title: '办结', dataIndex: 'resolved', width: 70 },
              { title: '按期办结', dataIndex: 'resolvedOnTime', width: 90 },
              { title: '按期办结率', render: (_, u) => (u.onTimeRate === null ? '—' : `${u.onTimeRate}%`), width: 100 },
              { title: '群众评价', render: (_, u) => (u.ratingAverage === null ? '—' : `${u.ratingAverage} 分`), width: 90 },
              { title: '超期未办', dataIndex: 'overdueOpen', width: 90 }
            ]} />
        ) : (
          <p>暂无数据。</p>
        )}
      </section>
    </article>
  )
}
