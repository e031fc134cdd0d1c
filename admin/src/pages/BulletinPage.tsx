import { useEffect, useState } from 'react'
import { Alert, Button, Select, Space, Spin, Table, Tag } from 'antd'
import { KIND_NAMES, STAR_NAMES } from '../../../types/names'
import type { Board, BoardRow, UnitBoard, UnitBoardRow } from '../../../types/ranking'
import { messageOf } from '../api'
import { useSession } from '../session'
import type { Finding } from '../../../types/campaign'
import { FindingPhotos } from './CampaignPage'

const num = (x: number | null, unit = '') => (x === null ? '—' : `${x}${unit}`)
/** Sorts by a figure, with the units not scored (null) last. */
const byFigure = (key: keyof UnitBoardRow) => (a: UnitBoardRow, b: UnitBoardRow) => ((a[key] as number | null) ?? -1) - ((b[key] as number | null) ?? -1)

const change = (r: BoardRow) => {
  if (r.rank === null || r.previousRank === null) return '—'
  const d = r.previousRank - r.rank
  return d > 0 ? `↑${d}` : d < 0 ? `↓${-d}` : '持平'
}

interface Honors { feihu: BoardRow[]; woniu: BoardRow[] }

/**
 * 月度通报 (`#/bulletin/<YYYY-MM>`): the month's board, 飞虎榜 and 蜗牛榜 (`ranking.honors`: the
 * best and worst ranks, ties kept) and the units' board of the month (`ranking.unitBoard`: on-time rate,
 * ratings, 退回, 返工, 督办, the score and the units' 飞虎榜/蜗牛榜), laid out to print on A4 (console.css `@media print`: no menu, no header, no buttons).
 */
export function BulletinPage({ period }: { period: string }) {
  const { client } = useSession()
  const [board, setBoard] = useState<Board | null>(null)
  const [honors, setHonors] = useState<Honors | null>(null)
  const [units, setUnits] = useState<UnitBoard | null>(null)
  const [published, setPublished] = useState<boolean | null>(null)
  const [issuer, setIssuer] = useState('')
  const [months, setMonths] = useState<string[]>([])
  const [error, setError] = useState<string | null>(null)
  const [findings, setFindings] = useState<Finding[] | null>(null)

  useEffect(() => {
    setError(null)
    Promise.all([
      client.call('ranking', 'board', { period }),
      client.call('ranking', 'honors', { period }),
      client.call('ranking', 'unitBoard', { period }).then((u) => u, () => null),
      client.call('ranking', 'periods', {}),
      client.call('ranking', 'findings', { period }).then((f) => f.items, () => null)
    ]).then(([b, h, u, p, f]) => {
      setFindings(f)
      setBoard(b)
      setHonors(h)
      setUnits(u)
      setPublished(p.published.includes(period))
      setIssuer(p.issuer)
      setMonths([...new Set([period, ...p.periods])].sort().reverse())
    }, (e) => setError(messageOf(e)))
  }, [client, period])

  // the toolbar (month, print) stays while a month loads or fails
  const toolbar = (
      <Space className='no-print' style={{ marginBottom: 16 }}>
        <Button href='#/evaluation'>返回测评</Button>
        <span>月份</span>
        <Select aria-label='通报月份' value={period} style={{ width: 120 }} onChange={(p) => { window.location.hash = `#/bulletin/${p}` }} options={months.map((p) => ({ value: p, label: p }))} />
        <Button type='primary' onClick={() => window.print()}>打印 / 导出 PDF</Button>
        {published === false && <Tag color='orange'>本月结果尚未发布，居民暂不可见</Tag>}
      </Space>
  )
  if (error) return <>{toolbar}<Alert type='error' showIcon message={error} /></>
  if (!board || !honors || board.period !== period) return <>{toolbar}<Spin /></>
  const [y, m] = period.split('-')
  const ranked = board.rows.filter((r) => r.rank !== null)
  const unscored = board.rows.length - ranked.length
  // the date it is issued: today, district time
  const today = new Date(Date.now() + 8 * 3_600_000)
  const issued = `${today.getUTCFullYear()} 年 ${today.getUTCMonth() + 1} 月 ${today.getUTCDate()} 日`
  const honorRows = (rows: BoardRow[]) => rows.map((r) => `${r.villageName}（${r.townName}，${r.score} 分）`).join('、') || '—'

  return (
    <article className='bulletin' aria-label='月度通报'>
      {toolbar}
      <header className='bulletin-head'>
        <h1>关于 {y} 年 {Number(m)} 月文明村居{KIND_NAMES[board.kind]}结果的通报</h1>
        <p>{issuer}</p>
      </header>
      <p>
        本月共测评 {ranked.length} 个村居（社区）{unscored > 0 ? `，另有 ${unscored} 个未测评，不参加排名` : ''}。按照测评细则，现将{KIND_NAMES[board.kind]}结果、飞虎榜和蜗牛榜、各责任单位办件情况通报如下。
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
            { title: '排名', dataIndex: 'rank', width: 60, sorter: (a, b) => (a.rank ?? 0) - (b.rank ?? 0) },
            { title: '村居', dataIndex: 'villageName' },
            { title: '镇街', dataIndex: 'townName', sorter: (a, b) => a.townName.localeCompare(b.townName, 'zh-Hans-CN') },
            { title: '得分', dataIndex: 'score', width: 80, sorter: (a, b) => (a.score ?? 0) - (b.score ?? 0) },
            { title: '较上月', render: (_, r) => change(r), width: 80 },
            { title: '五星支部', render: (_, r) => r.stars.map((s) => STAR_NAMES[s]).join('、') || '—' }
          ]} />
      </section>
      <section>
        <h2>三、责任单位办件情况</h2>
        {units ? (
          <>
            <p><strong>单位飞虎榜：</strong><span className='bulletin-unit-feihu'>{units.feihu.map((u) => `${u.name}（${u.score} 分）`).join('、') || '—'}</span></p>
            <p><strong>单位蜗牛榜：</strong><span className='bulletin-unit-woniu'>{units.woniu.map((u) => `${u.name}（${u.score} 分）`).join('、') || '—'}</span></p>
            <Table<UnitBoardRow> className='bulletin-table bulletin-units' rowKey='unitId' size='small' pagination={false} dataSource={units.rows}
              columns={[
                { title: '排名', render: (_, u) => num(u.rank), width: 60 },
                { title: '单位', dataIndex: 'name' },
                { title: '上报', dataIndex: 'received', width: 60, sorter: byFigure('received') },
                { title: '办结', dataIndex: 'resolved', width: 60, sorter: byFigure('resolved') },
                { title: '按期办结率', render: (_, u) => num(u.onTimeRate, '%'), width: 96, sorter: byFigure('onTimeRate') },
                { title: '群众评价', render: (_, u) => num(u.ratingAverage, ' 星'), width: 84, sorter: byFigure('ratingAverage') },
                { title: '退回', dataIndex: 'returns', width: 60, sorter: byFigure('returns') },
                { title: '核查返工', dataIndex: 'reworks', width: 84, sorter: byFigure('reworks') },
                { title: '督办', dataIndex: 'urges', width: 60, sorter: byFigure('urges') },
                { title: '超期未办', dataIndex: 'overdueOpen', width: 84, sorter: byFigure('overdueOpen') },
                { title: '测评扣分', dataIndex: 'inspectionDeductions', width: 84, sorter: byFigure('inspectionDeductions') },
                { title: '得分', render: (_, u) => num(u.score), width: 70, sorter: byFigure('score'), defaultSortOrder: 'descend' }
              ]}
              summary={(rows) => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={2}>合计</Table.Summary.Cell>
                  <Table.Summary.Cell index={2}>{rows.reduce((n, u) => n + u.received, 0)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3}>{rows.reduce((n, u) => n + u.resolved, 0)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} colSpan={2} />
                  <Table.Summary.Cell index={6}>{rows.reduce((n, u) => n + u.returns, 0)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={7}>{rows.reduce((n, u) => n + u.reworks, 0)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={8}>{rows.reduce((n, u) => n + u.urges, 0)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={9}>{rows.reduce((n, u) => n + u.overdueOpen, 0)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={10}>{Math.round(rows.reduce((n, u) => n + u.inspectionDeductions, 0) * 10) / 10}</Table.Summary.Cell>
                  <Table.Summary.Cell index={11} />
                </Table.Summary.Row>
              )} />
            <p className='bulletin-formula'>计分办法：{units.formula}</p>
          </>
        ) : (
          <p>暂无数据。</p>
        )}
      </section>
      {!!findings?.length && (
        <section>
          <h2>四、测评发现的问题</h2>
          <p>本月实地测评共发现 {findings.length} 项问题，已交责任单位限期整改，整改情况经现场复查确认。</p>
          <Table<Finding> className='bulletin-table bulletin-findings' rowKey={(f) => `${f.siteId}:${f.itemId}`} size='small' pagination={false} dataSource={findings}
            columns={[
              { title: '村居', dataIndex: 'villageName' },
              { title: '点位', dataIndex: 'siteName' },
              { title: '责任单位', dataIndex: 'unitName' },
              { title: '问题（测评标准）', render: (_, f) => `${f.standard}${f.note ? `（${f.note}）` : ''}` },
              { title: '处数', dataIndex: 'count', width: 60 },
              { title: '扣分', dataIndex: 'deduction', width: 60 },
              { title: '照片', render: (_, f) => <FindingPhotos f={f} /> }
            ]} />
        </section>
      )}
      <footer className='bulletin-sign'>
        <p>{issuer}</p>
        <p>{issued}</p>
      </footer>
    </article>
  )
}
