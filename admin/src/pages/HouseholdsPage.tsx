import { useCallback, useEffect, useMemo, useState } from 'react'
import { Alert, App, Button, Checkbox, Input, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { HouseholdAwardKind, HouseholdRatingRow, HouseholdRatings } from '../../../types/households'
import type { Region } from '../../../types/ranking'
import { messageOf } from '../api'
import { useSession } from '../session'
import { PageTitle } from '../Console'
import { byNumber, byText, ELLIPSIS, tableLocale } from '../tables'
import { download, toCsv } from '../csv'
import { HOUSEHOLD_TEMPLATE, previewHouseholds, readTable, type HouseholdImportRow } from '../sheets'

const thisYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear()

/**
 * 文明户评选 (issue 26): the village committee — admins, the 文明办, the village's 网格员 — imports the
 * village's households (户主 and 门牌, from CSV or Excel), rates each on the stars of 十星级文明户 or
 * 五美庭院 for a year, and publishes the list after a confirmation; a published award is withdrawn
 * (with its reason), never edited. The village page shows the list with the 户主's surname only.
 */
export function HouseholdsPage() {
  const { client } = useSession()
  const { message, modal } = App.useApp()
  const [regions, setRegions] = useState<Region[]>([])
  const [kinds, setKinds] = useState<HouseholdAwardKind[]>([])
  const [villageId, setVillageId] = useState<string | null>(null)
  const [kind, setKind] = useState<string | null>(null)
  const [year, setYear] = useState(String(thisYear()))
  const [data, setData] = useState<HouseholdRatings | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [preview, setPreview] = useState<{ file: string; rows: HouseholdImportRow[]; errors: string[] } | null>(null)
  const [busy, setBusy] = useState(false)
  const [loading, setLoading] = useState(true)
  const [withdrawing, setWithdrawing] = useState<HouseholdRatingRow | null>(null)
  const [reason, setReason] = useState('')

  useEffect(() => {
    Promise.all([client.call('ranking', 'regions', {}), client.call('ranking', 'householdAwardKinds', {})]).then(([all, k]) => {
      setRegions(all)
      setKinds(k)
      setKind((x) => x ?? k[0]?.kind ?? null)
      setVillageId((id) => id ?? all.find((r) => r.level === 'village')?.id ?? null)
    }, (e) => setError(messageOf(e)))
  }, [client])
  const village = regions.find((r) => r.id === villageId)

  const load = useCallback(async () => {
    if (!villageId || !kind) return
    setError(null)
    setLoading(true)
    try {
      setData(await client.call('ranking', 'householdRatings', { villageId, kind, year }))
    } catch (e) {
      setData(null)
      setError(messageOf(e))
    } finally {
      setLoading(false)
    }
  }, [client, villageId, kind, year])
  useEffect(() => void load(), [load])

  const k = data?.kind
  const qualifying = useMemo(() => (data && k ? data.rows.filter((r) => r.stars.length >= Math.max(1, k.minStars)).length : 0), [data, k])

  const readFile = async (file: File) => {
    try {
      setPreview({ file: file.name, ...previewHouseholds(await readTable(file)) })
    } catch {
      setPreview({ file: file.name, rows: [], errors: ['无法读取该文件：请上传 CSV 或 .xlsx 文件'] })
    }
  }
  const runImport = async () => {
    if (!preview || !villageId) return
    setBusy(true)
    try {
      const answer = await client.call('ranking', 'importHouseholds', { villageId, rows: preview.rows })
      message.success(`导入成功：新增 ${answer.created} 户，更新 ${answer.updated} 户，本村共 ${answer.households} 户`)
      setPreview(null)
      await load()
    } catch (e) {
      message.error(`导入失败，未做任何更改：${messageOf(e)}`)
    } finally {
      setBusy(false)
    }
  }
  const rate = async (row: HouseholdRatingRow, stars: string[]) => {
    if (!villageId || !kind) return
    try {
      await client.call('ranking', 'rateHousehold', { villageId, kind, year, householdId: row.id, stars })
      setData((d) => d && { ...d, rows: d.rows.map((r) => (r.id === row.id ? { ...r, stars } : r)) })
    } catch (e) {
      message.error(messageOf(e))
    }
  }
  const publish = () => {
    if (!data || !k || !villageId || !kind) return
    modal.confirm({
      title: `公示 ${year} 年度${k.name}名单？`,
      content: `${village?.name ?? ''}将有 ${qualifying} 户列入名单（至少 ${Math.max(1, k.minStars)} 颗星），在小程序的村居页面公示，户主只显示姓氏。公示后名单不能再修改，只能逐户撤销称号。`,
      okText: '确认公示',
      cancelText: '再看看',
      onOk: async () => {
        try {
          const answer = await client.call('ranking', 'publishHouseholdAwards', { villageId, kind, year })
          message.success(`已公示 ${answer.awarded} 户`)
          await load()
        } catch (e) {
          message.error(messageOf(e))
        }
      }
    })
  }
  const withdraw = async () => {
    if (!withdrawing || !villageId || !kind) return
    try {
      await client.call('ranking', 'withdrawHouseholdAward', { villageId, kind, year, householdId: withdrawing.id, reason: reason.trim() })
      message.success('已撤销该户称号')
      setWithdrawing(null)
      setReason('')
      await load()
    } catch (e) {
      message.error(messageOf(e))
    }
  }

  const published = !!data?.published
  const columns: ColumnsType<HouseholdRatingRow> = [
    // the village's households are all read (ranking.householdRatings): sorted here
    { title: '门牌', dataIndex: 'door', width: 140, ...ELLIPSIS, sorter: byText((r) => r.door) },
    { title: '户主', dataIndex: 'head', width: 110, ...ELLIPSIS, sorter: byText((r) => r.head) },
    {
      title: published ? '公示的星' : '评定的星',
      key: 'stars',
      sorter: byNumber((r) => (published ? r.award?.stars.length ?? 0 : r.stars.length)),
      render: (_, r) => published
        ? (r.award ? r.award.stars.join('、') : <Typography.Text type='secondary'>未列入</Typography.Text>)
        : <Checkbox.Group aria-label={`${r.head}家的星`} className='households-stars' options={(k?.stars ?? []).map((s) => ({ label: s, value: s }))} value={r.stars} onChange={(v) => void rate(r, v as string[])} />
    },
    {
      title: '状态', width: 200,
      render: (_, r) => r.award
        ? (r.award.withdrawn ? <Space direction='vertical' size={0}><Tag color='default'>已撤销</Tag><Typography.Text type='secondary'>{r.award.withdrawn.reason}</Typography.Text></Space> : <Tag color='#a50f15'>已公示</Tag>)
        : published ? '—' : r.stars.length >= Math.max(1, k?.minStars ?? 1) ? <Tag color='#ad4e00'>将列入</Tag> : '—'
    },
    ...(published ? [{ title: '操作', width: 120, render: (_: unknown, r: HouseholdRatingRow) => (r.award && !r.award.withdrawn ? <Button onClick={() => { setWithdrawing(r); setReason('') }}>撤销称号</Button> : null) }] : [])
  ]

  return (
    <>
      <PageTitle>文明户评选</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select aria-label='村居' showSearch optionFilterProp='label' style={{ width: 200 }} value={villageId ?? undefined} onChange={setVillageId}
          options={regions.filter((r) => r.level === 'village').map((r) => ({ value: r.id, label: r.name, title: r.name }))} />
        <Select aria-label='称号' style={{ width: 160 }} value={kind ?? undefined} onChange={setKind} options={kinds.map((x) => ({ value: x.kind, label: x.name, title: x.name }))} />
        <Select aria-label='年度' style={{ width: 120 }} value={year} onChange={setYear} options={[0, 1, 2].map((i) => String(thisYear() - i)).map((y) => ({ value: y, label: `${y} 年度`, title: `${y} 年度` }))} />
        <Upload accept='.csv,.xlsx' showUploadList={false} beforeUpload={(file) => { void readFile(file); return false }}>
          <Button>导入住户</Button>
        </Upload>
        <Button onClick={() => download('住户导入模板.csv', toCsv(HOUSEHOLD_TEMPLATE))}>下载模板</Button>
      </Space>
      <Typography.Paragraph type='secondary'>
        住户由村里按户主和门牌登记，不与任何居民的小程序账号关联。导入时同一门牌视为已有住户，更新户主姓名；有一行出错则整个文件不导入。
      </Typography.Paragraph>
      {error && <Alert type='error' showIcon message={error} role='alert' style={{ marginBottom: 12 }} />}
      {preview && (
        <div style={{ marginBottom: 16 }}>
          {preview.errors.length
            ? <Alert type='error' showIcon role='alert' message={`${preview.file} 有 ${preview.errors.length} 处错误，不能导入`} description={<ul>{preview.errors.slice(0, 20).map((e) => <li key={e}>{e}</li>)}</ul>} />
            : <Alert type='info' showIcon message={`预览：${preview.file} 共 ${preview.rows.length} 户，将导入${village?.name ?? ''}`} />}
          <Space style={{ marginTop: 8 }}>
            <Button type='primary' disabled={preview.errors.length > 0} loading={busy} onClick={runImport}>确认导入</Button>
            <Button onClick={() => setPreview(null)}>取消</Button>
          </Space>
        </div>
      )}
      {data && k && (
        <>
          <Space style={{ marginBottom: 12 }} wrap>
            {data.published
              ? <Alert type='success' showIcon message={`${year} 年度${k.name}名单已于 ${data.published.at.slice(0, 10)} 由${data.published.by}公示，共 ${data.published.awarded} 户`} />
              : <>
                  <Typography.Text>本村 {data.rows.length} 户，{qualifying} 户达到{k.name}条件（至少 {Math.max(1, k.minStars)} 颗星）</Typography.Text>
                  <Button type='primary' disabled={!qualifying} onClick={publish}>公示名单</Button>
                </>}
          </Space>
          <Table rowKey='id' size='small' columns={columns} dataSource={data.rows} pagination={{ pageSize: 50, showTotal: (n) => `共 ${n} 户`, showSizeChanger: false }} aria-label={`${year} 年度${k.name}`}
            loading={loading} locale={tableLocale(loading, '还没有住户：请先导入住户名单')} />
        </>
      )}
      <Modal open={!!withdrawing} title={`撤销${withdrawing?.head ?? ''}家（${withdrawing?.door ?? ''}）的${k?.name ?? ''}称号`} okText='撤销称号' okButtonProps={{ danger: true, disabled: !reason.trim() }} cancelText='取消'
        onOk={() => void withdraw()} onCancel={() => setWithdrawing(null)}>
        <Typography.Paragraph>撤销会留下记录（谁、何时、理由），村居页面不再显示该户。</Typography.Paragraph>
        <Input.TextArea aria-label='撤销理由' maxLength={100} value={reason} onChange={(e) => setReason(e.target.value)} placeholder='如：经村民代表会议决定撤销' />
      </Modal>
    </>
  )
}
