import { useCallback, useEffect, useMemo, useState } from 'react'
import { Alert, App, Button, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography, Upload } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { indicatorsOf, KIND_NAMES, kindOf, SCORE_NAMES, type EvaluationKind, type ScoreKey, type Scores } from '../../../types/names'
import type { Region } from '../../../types/ranking'
import { messageOf } from '../api'
import { useSession } from '../session'
import { PageTitle } from '../Console'
import { byNumber, byText, tableLocale } from '../tables'
import { parseScores, parseTsv, readTable, scoreError, sheetScores, type ScoreSheetRow } from '../sheets'

/** The months an evaluator may open: this month and the 23 before it (district time is the server's business; the browser's month is close enough to offer). */
function recentMonths(count = 24): string[] {
  const now = new Date()
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1)
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`
  })
}

/** A village's line of the sheet: what is stored (`stored`, `entered`) and what the table shows now (`scores`). */
interface SheetRow { villageId: string; villageName: string; townName: string; entered: number | null; stored: Partial<Record<ScoreKey, number>>; scores: Partial<Record<ScoreKey, number | null>> }

/**
 * 测评 (evaluators): one month's scores for every village in one table — typed, pasted from
 * Excel (tab-separated clipboard text) or imported from an .xlsx workbook — checked in the browser
 * (each cell 0–100, one decimal, every indicator of the month's kind; a value out of range is
 * refused with its village and indicator, never clamped; a paste with any bad row fills nothing),
 * then the changed villages are saved one by one through `ranking.submitEvaluation` (one
 * transaction each; the server checks again and logs each). The table shows the stored scores
 * (`ranking.monthScores`). 发布 (`ranking.publishPeriod`) shows the month to residents, telling first
 * how many villages have no scores; 通报 opens the printable bulletin.
 */
export function EvaluationPage() {
  const { client } = useSession()
  const { message } = App.useApp()
  const [period, setPeriod] = useState(() => recentMonths()[1]!)
  const [kinds, setKinds] = useState<Record<EvaluationKind, Scores> | null>(null)
  const [published, setPublished] = useState<string[]>([])
  const [regions, setRegions] = useState<Region[]>([])
  const [rows, setRows] = useState<SheetRow[]>([])
  const [problems, setProblems] = useState<string[]>([])
  const [paste, setPaste] = useState('')
  const [saving, setSaving] = useState<string | null>(null)
  const [result, setResult] = useState<{ type: 'success' | 'error' | 'info'; text: string } | null>(null)
  const [loading, setLoading] = useState(true)

  const kind = kindOf(period)
  const indicators = useMemo(() => (kinds ? indicatorsOf(kinds[kind]) : []), [kinds, kind])
  const villages = useMemo(() => regions.filter((r) => r.level === 'village'), [regions])

  const loadMonth = useCallback(async () => {
    setLoading(true)
    try {
      const [p, r, board, stored] = await Promise.all([client.call('ranking', 'periods', {}), client.call('ranking', 'regions', {}), client.call('ranking', 'board', { period }), client.call('ranking', 'monthScores', { period })])
      const storedOf = new Map(stored.rows.map((s) => [s.villageId, s.scores as Partial<Record<ScoreKey, number>>]))
      setKinds(p.kinds)
      setPublished(p.published)
      setRegions(r)
      const entered = new Map(board.rows.map((b) => [b.villageId, b.score]))
      const towns = new Map(r.filter((x) => x.level === 'town').map((t) => [t.id, t.name]))
      setRows(r.filter((x) => x.level === 'village').map((v) => ({ villageId: v.id, villageName: v.name, townName: towns.get(v.parentId ?? '') ?? '', entered: entered.get(v.id) ?? null, stored: storedOf.get(v.id) ?? {}, scores: { ...(storedOf.get(v.id) ?? {}) } })))
      setProblems([])
    } catch (e) {
      setResult({ type: 'error', text: messageOf(e) })
    } finally {
      setLoading(false)
    }
  }, [client, period])
  useEffect(() => void loadMonth(), [loadMonth])

  const setCell = (villageId: string, key: ScoreKey, value: number | null) =>
    setRows((all) => all.map((r) => (r.villageId === villageId ? { ...r, scores: { ...r.scores, [key]: value } } : r)))

  /** Pasted or imported rows fill the table (rows of other villages stay) — all of them, or none when any row is wrong. */
  const fill = (table: string[][]) => {
    const parsed = parseScores(table, villages, indicators)
    if (parsed.errors.length) {
      setProblems(parsed.errors)
      setResult({ type: 'error', text: '粘贴的内容有错误，表格没有改动；请改正后重新粘贴' })
      return
    }
    const byVillage = new Map(parsed.rows.map((r: ScoreSheetRow) => [r.villageId, r.scores]))
    setRows((all) => all.map((r) => (byVillage.has(r.villageId) ? { ...r, scores: { ...r.scores, ...byVillage.get(r.villageId) } } : r)))
    setProblems(parsed.errors)
    setResult(parsed.errors.length ? null : { type: 'info', text: `已填入 ${parsed.rows.length} 个村居的分数，请检查后保存` })
  }

  // the villages whose table differs from what is stored: only these are saved
  const filled = rows.filter((r) => indicators.some((k) => (r.scores[k] ?? null) !== (r.stored[k] ?? null)))
  const check = (): { villageId: string; name: string; scores: Scores }[] | null => {
    const errors: string[] = []
    const sheets: { villageId: string; name: string; scores: Scores }[] = []
    for (const r of filled) {
      const answer = sheetScores(r, indicators)
      if ('error' in answer) errors.push(`${r.villageName}：${answer.error}`)
      else sheets.push({ villageId: r.villageId, name: r.villageName, scores: answer.scores })
    }
    if (!filled.length) errors.push('表格中没有改动的分数')
    setProblems(errors)
    return errors.length ? null : sheets
  }

  const save = async () => {
    setResult(null)
    const sheets = check()
    if (!sheets) return
    let saved = 0
    for (const s of sheets) {
      setSaving(`正在保存 ${saved + 1}/${sheets.length}：${s.name}`)
      try {
        await client.call('ranking', 'submitEvaluation', { villageId: s.villageId, period, scores: s.scores })
        saved++
      } catch (e) {
        setSaving(null)
        setResult({ type: 'error', text: `已保存 ${saved} 个村居；「${s.name}」未保存：${messageOf(e)}（其后的村居未保存）` })
        await loadMonth()
        return
      }
    }
    setSaving(null)
    setResult({ type: 'success', text: `已保存 ${saved} 个村居的${KIND_NAMES[kind]}分数` })
    await loadMonth()
  }

  const publish = async (on: boolean) => {
    try {
      await client.call('ranking', 'publishPeriod', { period, published: on, ...(on && unscored > 0 ? { allowUnscored: true } : {}) })
      message.success(on ? '已发布，居民可以看到本月结果' : '已撤回发布')
      await loadMonth()
    } catch (e) {
      message.error(messageOf(e))
    }
  }

  const isPublished = published.includes(period)
  const unscored = rows.filter((r) => r.entered === null).length
  const columns: ColumnsType<SheetRow> = [
    // every village of the month is on the sheet: sorted here
    { title: '村居', dataIndex: 'villageName', fixed: 'left', width: 120, sorter: byText((r) => r.villageName) },
    { title: '镇街', dataIndex: 'townName', width: 100, sorter: byText((r) => r.townName) },
    ...indicators.map((k) => ({
      title: `${SCORE_NAMES[k]}（${kinds?.[kind][k]}%）`,
      key: k,
      width: 140,
      render: (_: unknown, r: SheetRow) => {
        const v = r.scores[k]
        const bad = v !== undefined && v !== null && scoreError(v) !== null
        return <InputNumber aria-label={`${r.villageName} ${SCORE_NAMES[k]}`} size='small' step={0.1} status={bad ? 'error' : undefined} value={v ?? null} onChange={(x) => setCell(r.villageId, k, x === null ? null : Number(x))} />
      }
    })),
    { title: '已录入总分', key: 'entered', width: 110, sorter: byNumber((r) => r.entered), render: (_, r) => (r.entered === null ? '—' : r.entered) }
  ]

  return (
    <>
      <PageTitle>测评</PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>月份</span>
        <Select aria-label='测评月份' value={period} style={{ width: 120 }} onChange={(p) => { setPeriod(p); setResult(null) }} options={recentMonths().map((m) => ({ value: m, label: m }))} />
        <Tag color={kind === 'major' ? '#a50f15' : '#0958d9'}>{KIND_NAMES[kind]}</Tag>
        <span>指标：{indicators.map((k) => SCORE_NAMES[k]).join('、')}</span>
        {isPublished ? <Tag color='green'>已发布</Tag> : <Tag>未发布</Tag>}
      </Space>
      <div style={{ marginBottom: 12 }}>
        <Typography.Paragraph type='secondary' style={{ marginBottom: 4 }}>
          从 Excel 复制后粘贴：每行「村居名称（或编号）」加各项指标分数，可带表头行（{indicators.map((k) => SCORE_NAMES[k]).join('、')}）。
        </Typography.Paragraph>
        <Input.TextArea aria-label='从 Excel 粘贴分数' rows={3} value={paste} onChange={(e) => setPaste(e.target.value)} placeholder={`幸福村\t${indicators.map(() => '90').join('\t')}`} />
        <Space style={{ marginTop: 8 }}>
          <Button onClick={() => fill(parseTsv(paste))} disabled={!paste.trim()}>填入表格</Button>
          <Upload accept='.xlsx,.csv' showUploadList={false} beforeUpload={(file) => { void readTable(file).then(fill, () => setProblems(['无法读取该文件：请上传 .xlsx 或 CSV 文件'])); return false }}>
            <Button>导入 Excel</Button>
          </Upload>
        </Space>
      </div>
      {problems.length > 0 && <Alert type='error' showIcon role='alert' style={{ marginBottom: 12 }} message={`有 ${problems.length} 处问题，未保存`} description={<ul>{problems.slice(0, 30).map((p) => <li key={p}>{p}</li>)}</ul>} />}
      {result && <Alert type={result.type} showIcon role={result.type === 'error' ? 'alert' : 'status'} style={{ marginBottom: 12 }} message={result.text} />}
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type='primary' onClick={save} loading={saving !== null} disabled={!filled.length}>检查并保存（{filled.length} 个村居）</Button>
        {saving && <span>{saving}</span>}
        {isPublished ? (
          <Popconfirm title='撤回后居民将看不到本月结果' okText='撤回' cancelText='取消' onConfirm={() => publish(false)}><Button>撤回发布</Button></Popconfirm>
        ) : (
          <Popconfirm
            title={unscored > 0 ? `还有 ${unscored} 个村居（共 ${rows.length} 个）未录入分数，仍要发布？` : `发布 ${period} 的测评结果？`}
            description={unscored > 0 ? `飞虎榜和蜗牛榜将只在已测评的 ${rows.length - unscored} 个村居中评出；居民将可以看到本月排名` : '居民将可以看到本月排名'}
            okText={unscored > 0 ? '仍然发布' : '发布'} okButtonProps={{ danger: unscored > 0 }} cancelText='取消' onConfirm={() => publish(true)}
          ><Button disabled={unscored === rows.length}>发布本月结果</Button></Popconfirm>
        )}
        <Button href={`#/bulletin/${period}`}>打开通报</Button>
      </Space>
      <Table rowKey='villageId' size='small' columns={columns} dataSource={rows} pagination={false} scroll={{ x: 320 + indicators.length * 140 }}
        loading={loading} locale={tableLocale(loading, '还没有村居：请先在基础数据中导入镇街村居')}
        footer={() => (loading ? '' : `共 ${rows.length} 个村居，${rows.length - unscored} 个已录入`)} />
    </>
  )
}
