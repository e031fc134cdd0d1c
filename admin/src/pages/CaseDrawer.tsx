import { useEffect, useState } from 'react'
import { Alert, App, Button, Descriptions, Divider, Drawer, Empty, Form, Image, Input, Modal, Popconfirm, Radio, Select, Space, Spin, Tag, Timeline, Typography, Upload } from 'antd'
import type { UploadFile } from 'antd'
import type { CaseActionName, Report } from '../../../types/report'
import { fileUrl, messageOf } from '../api'
import { ACTOR_NAMES, deadlineText, districtTime, TIMELINE_ACTIONS } from '../labels'
import { useSession } from '../session'
import { StatusTag } from './CasesPage'
import { caseNumber } from '../../../types/names'

/** Photos of a case; with `onHide`, each one not yet hidden has its 隐藏照片 (a hidden one says so). */
function Photos({ ids, label, hidden = [], onHide }: { ids: string[]; label: string; hidden?: string[]; onHide?: (id: string, name: string) => void }) {
  if (!ids.length) return <Typography.Text>无</Typography.Text>
  return (
    <Image.PreviewGroup>
      <Space wrap align='start'>
        {ids.map((id, i) => {
          const url = fileUrl(id)
          const name = `${label} ${i + 1}`
          return (
            <Space key={id} direction='vertical' size={4} className='case-photo'>
              {url ? (
                <Image src={url} width={120} height={120} style={{ objectFit: 'cover' }} alt={name} />
              ) : (
                <Typography.Text>{`${name}（云存储文件，本地无法显示）`}</Typography.Text>
              )}
              {hidden.includes(id) ? (
                <Tag className='case-photo__hidden'>已隐藏，不公开</Tag>
              ) : (
                onHide && <Button size='small' onClick={() => onHide(id, name)} aria-label={`隐藏照片：${name}`}>隐藏照片</Button>
              )}
            </Space>
          )
        })}
      </Space>
    </Image.PreviewGroup>
  )
}

/** Whether the case model lets the caller take this action now (`Report.actions`): the drawer offers exactly those. */
const may = (r: Report, action: CaseActionName) => (r.actions ?? []).includes(action)
const EXTENSION_HOURS = [24, 48, 72]
const DECISION_NAMES = { approved: '已同意', declined: '未同意' } as const

/**
 * A case: photos, timeline, reporter (when the server shows it), deadline, and the actions the
 * server allows in its state — 受理 (with dispatch to another unit), 驳回, 办结 with a reply and
 * after photos; for 文明点赞 通过 / 不通过 — and, as on the app's 办理 page, keeping the case or one
 * photo from public view with a reason (`report.hide`, `report.hidePhoto`) or showing the case
 * again (`report.unhide`). The server decides; its Chinese message is shown.
 */
export function CaseDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const { client, unitName, units, user } = useSession()
  const { message } = App.useApp()
  const [report, setReport] = useState<Report | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [actionError, setActionError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [dispatchTo, setDispatchTo] = useState<string | undefined>()
  const [rejectReason, setRejectReason] = useState('')
  const [declineReason, setDeclineReason] = useState('')
  const [reply, setReply] = useState('')
  /** 退回, 转办, 延期, 核查 and 督办 (issue 21): each its own text. */
  const [returnReason, setReturnReason] = useState('')
  const [transferTo, setTransferTo] = useState<string | undefined>()
  const [transferNote, setTransferNote] = useState('')
  const [extensionHours, setExtensionHours] = useState(24)
  const [extensionReason, setExtensionReason] = useState('')
  const [decisionReason, setDecisionReason] = useState('')
  const [verifyPassed, setVerifyPassed] = useState<boolean | null>(null)
  const [verifyNote, setVerifyNote] = useState('')
  const [urgeNote, setUrgeNote] = useState('')
  /** 定位 (issue 27): the point and address of a partner's case sent with an address only. */
  const [spot, setSpot] = useState({ latitude: '', longitude: '', address: '' })
  const [files, setFiles] = useState<UploadFile<{ fileId: string }>[]>([])
  /** The 隐藏 being asked for: the whole case, or one photo (with its name), and its reason. */
  const [hiding, setHiding] = useState<{ photo: string | null; name: string } | null>(null)
  const [hideReason, setHideReason] = useState('')
  const [hideError, setHideError] = useState<string | null>(null)
  /** Its own busy flag: the case's other buttons do not spin while a photo is hidden. */
  const [hideBusy, setHideBusy] = useState(false)
  /** Admins: the 网格员 of the case's village (`user.search { gridVillageId }`), whom the 文明办 may call. */
  const [grid, setGrid] = useState<string[] | null>(null)
  const villageId = report?.villageId ?? null
  useEffect(() => {
    setGrid(null)
    if (user.role !== 'admin' || !villageId) return
    let live = true
    client.call('user', 'search', { gridVillageId: villageId, limit: 10 }).then(
      (page) => live && setGrid(page.items.map((p) => (p.realName ? `${p.nickname}（${p.realName}）` : p.nickname))),
      () => live && setGrid(null)
    )
    return () => {
      live = false
    }
  }, [client, user.role, villageId])

  useEffect(() => {
    setReport(null)
    setLoadError(null)
    setActionError(null)
    setDispatchTo(undefined)
    setRejectReason('')
    setDeclineReason('')
    setReply('')
    setFiles([])
    setHiding(null)
    setReturnReason('')
    setTransferTo(undefined)
    setTransferNote('')
    setExtensionReason('')
    setDecisionReason('')
    setVerifyPassed(null)
    setVerifyNote('')
    setUrgeNote('')
    if (!id) return
    let live = true
    client.call('report', 'get', { id }).then(
      (r) => live && setReport(r),
      (e) => live && setLoadError(messageOf(e))
    )
    return () => {
      live = false
    }
  }, [client, id])

  const staffView = user.role !== 'resident'
  const act = async (done: string, run: () => Promise<Report>) => {
    setBusy(true)
    setActionError(null)
    try {
      setReport(await run())
      message.success(done)
      onChanged()
    } catch (e) {
      setActionError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  const askHide = (photo: string | null, name: string) => {
    setHiding({ photo, name })
    setHideReason('')
    setHideError(null)
  }
  const confirmHide = async () => {
    if (!report || !hiding) return
    setHideBusy(true)
    setHideError(null)
    try {
      const reason = hideReason.trim()
      setReport(await (hiding.photo ? client.call('report', 'hidePhoto', { id: report.id, photo: hiding.photo, reason }) : client.call('report', 'hide', { id: report.id, reason })))
      message.success(hiding.photo ? '已隐藏这张照片' : '已隐藏此工单，不再公开')
      setHiding(null)
      onChanged()
    } catch (e) {
      setHideError(messageOf(e))
    } finally {
      setHideBusy(false)
    }
  }

  const unhide = async (r: Report) => {
    setHideBusy(true)
    setHideError(null)
    try {
      setReport(await client.call('report', 'unhide', { id: r.id }))
      message.success('已取消隐藏，工单恢复公开')
      onChanged()
    } catch (e) {
      setHideError(messageOf(e))
    } finally {
      setHideBusy(false)
    }
  }

  /** 公开管理: the case is public, waits for the photo check, or is hidden (with the reason). */
  const publicView = (r: Report) => (
    <>
      <Typography.Paragraph>涉及个人隐私、不宜公开的内容，可隐藏整条工单或单张照片；上报人和工作人员仍能看到，隐藏理由仅工作人员可见。</Typography.Paragraph>
      {!hiding && hideError && <Alert type='error' showIcon role='alert' message={hideError} style={{ marginBottom: 16 }} />}
      {r.hidden ? (
        <Space wrap>
          <Typography.Text className='case-detail__hidden'>已隐藏：{r.hidden.reason}</Typography.Text>
          <Popconfirm title='取消隐藏，恢复公开？' description='工单和未单独隐藏的照片将重新对所有居民可见。' okText='恢复公开' cancelText='不恢复' onConfirm={() => unhide(r)}>
            <Button loading={hideBusy}>取消隐藏</Button>
          </Popconfirm>
        </Space>
      ) : (
        <Button onClick={() => askHide(null, '整条工单')}>隐藏工单</Button>
      )}
    </>
  )
  const publicState = (r: Report) => (r.hidden ? `已隐藏：${r.hidden.reason}` : r.moderation === 'pending' ? '照片内容检测中（暂仅上报人和工作人员可见）' : '公开')

  const uploaded = files.filter((f) => f.status === 'done' && f.response?.fileId).map((f) => f.response!.fileId)
  const uploading = files.some((f) => f.status === 'uploading')

  const actions = (r: Report) => {
    if (r.kind === 'praise') {
      if (r.status !== 'submitted') return <Typography.Text>已审核。</Typography.Text>
      return (
        <Form layout='vertical'>
          <Space style={{ marginBottom: 16 }}>
            <Button type='primary' loading={busy} onClick={() => void act('已通过，已上点赞墙', () => client.call('report', 'review', { id: r.id, approve: true }))}>通过</Button>
          </Space>
          <Form.Item label='不通过的理由' htmlFor='decline-reason'>
            <Input.TextArea id='decline-reason' rows={2} maxLength={200} value={declineReason} onChange={(e) => setDeclineReason(e.target.value)} />
          </Form.Item>
          <Popconfirm title='确定不通过这条点赞？' description='不通过的点赞不上点赞墙，理由会告知上报人。' okText='确定不通过' okButtonProps={{ danger: true }} cancelText='取消'
            onConfirm={() => act('已标记为不通过', () => client.call('report', 'review', { id: r.id, approve: false, reason: declineReason.trim() }))}>
            <Button danger loading={busy} disabled={!declineReason.trim()}>不通过</Button>
          </Popconfirm>
        </Form>
      )
    }
    const offered = (r.actions ?? []).filter((x) => x !== 'hide' && x !== 'unhide' && x !== 'support')
    if (!offered.length) return <Typography.Text>{r.status === 'verifying' ? '已办结，等待村居网格员现场核查。' : r.status === 'rejected' ? '此工单已驳回，无需办理。' : r.status === 'returned' ? '已退回文明办，等待重新派遣。' : ['resolved', 'closed'].includes(r.status) ? '此工单已办结，无需办理。' : '您没有可办理的操作。'}</Typography.Text>
    const title = (text: string) => <Typography.Title level={3} style={{ fontSize: 15 }}>{text}</Typography.Title>
    const pending = r.workflow?.extensions.find((e) => e.decision === null)
    return (
      <Form layout='vertical'>
        {may(r, 'accept') && (
          <div className='case-action case-action--accept'>
            {title('受理')}
            <Form.Item label='派单至（不选则由本单位办理）' htmlFor='accept-unit'>
              <Select
                id='accept-unit'
                allowClear
                placeholder={`本单位：${unitName(r.unitId)}`}
                value={dispatchTo}
                onChange={setDispatchTo}
                options={units.filter((u) => u.id !== r.unitId).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
            <Button type='primary' loading={busy} onClick={() => void act(dispatchTo ? `已受理并派单至${unitName(dispatchTo)}` : '已受理', () => client.call('report', 'accept', { id: r.id, ...(dispatchTo ? { unitId: dispatchTo } : {}) }))}>{dispatchTo ? `受理并派单至${unitName(dispatchTo)}` : '受理（本单位办理）'}</Button>
          </div>
        )}
        {may(r, 'reject') && (
          <div className='case-action case-action--reject'>
            <Divider />
            {title('驳回')}
            <Form.Item label='驳回理由' htmlFor='reject-reason'>
              <Input.TextArea id='reject-reason' rows={2} maxLength={200} value={rejectReason} onChange={(e) => setRejectReason(e.target.value)} />
            </Form.Item>
            <Popconfirm title='确定驳回此工单？' description='驳回后工单结束办理，理由会告知上报人。' okText='确定驳回' okButtonProps={{ danger: true }} cancelText='取消'
              onConfirm={() => act('已驳回', () => client.call('report', 'reject', { id: r.id, reason: rejectReason.trim() }))}>
              <Button danger loading={busy} disabled={!rejectReason.trim()}>驳回</Button>
            </Popconfirm>
          </div>
        )}
        {may(r, 'resolve') && (
          <div className='case-action case-action--resolve'>
            <Divider />
            {title('办结')}
            <Form.Item label='办理说明（回复上报人）' htmlFor='resolve-note'>
              <Input.TextArea id='resolve-note' rows={3} maxLength={500} value={reply} onChange={(e) => setReply(e.target.value)} />
            </Form.Item>
            <Form.Item label='整改后照片（至少 1 张）'>
              <Upload<{ fileId: string }>
                listType='picture-card'
                accept='image/jpeg,image/png,image/webp'
                maxCount={9}
                fileList={files}
                onChange={({ fileList }) => setFiles(fileList)}
                customRequest={({ file, onSuccess, onError }) => {
                  const blob = file as File
                  client.upload(blob, blob.name || 'photo.jpg').then(
                    (fileId) => onSuccess?.({ fileId }),
                    (e) => {
                      setActionError(messageOf(e))
                      onError?.(e as Error)
                    }
                  )
                }}
              >
                {files.length < 9 && <span className='resolve-upload'>上传照片</span>}
              </Upload>
            </Form.Item>
            <Button type='primary' loading={busy} disabled={uploading || !uploaded.length || reply.trim().length < 2} onClick={() => void act('已办结', () => client.call('report', 'resolve', { id: r.id, note: reply.trim(), photos: uploaded }))}>办结</Button>
          </div>
        )}
        {may(r, 'requestExtension') && (
          <div className='case-action case-action--extension'>
            <Divider />
            {title('申请延期')}
            <Form.Item label='延长时限'>
              <Radio.Group value={extensionHours} onChange={(e) => setExtensionHours(e.target.value as number)} optionType='button' options={EXTENSION_HOURS.map((h) => ({ value: h, label: `${h} 小时` }))} />
            </Form.Item>
            <Form.Item label='延期理由（文明办审批）' htmlFor='extension-reason'>
              <Input.TextArea id='extension-reason' rows={2} maxLength={200} value={extensionReason} onChange={(e) => setExtensionReason(e.target.value)} />
            </Form.Item>
            <Button loading={busy} disabled={extensionReason.trim().length < 2} onClick={() => void act('已申请延期，等待文明办审批', () => client.call('report', 'requestExtension', { id: r.id, hours: extensionHours, reason: extensionReason.trim() }))}>申请延期</Button>
          </div>
        )}
        {may(r, 'return') && (
          <div className='case-action case-action--return'>
            <Divider />
            {title('退回')}
            <Typography.Paragraph>不属于本单位职责的工单，退回文明办重新派遣。</Typography.Paragraph>
            <Form.Item label='退回理由' htmlFor='return-reason'>
              <Input.TextArea id='return-reason' rows={2} maxLength={200} value={returnReason} onChange={(e) => setReturnReason(e.target.value)} />
            </Form.Item>
            <Popconfirm title='确定退回此工单？' description='退回后本单位不能再办理，由文明办重新派遣。' okText='确定退回' cancelText='取消' onConfirm={() => act('已退回文明办', () => client.call('report', 'return', { id: r.id, reason: returnReason.trim() }))}>
              <Button danger loading={busy} disabled={returnReason.trim().length < 2}>退回</Button>
            </Popconfirm>
          </div>
        )}
        {may(r, 'transfer') && (
          <div className='case-action case-action--transfer'>
            <Divider />
            {title('转办')}
            <Form.Item label='转至责任单位' htmlFor='transfer-unit'>
              <Select id='transfer-unit' placeholder='选择单位' value={transferTo} onChange={setTransferTo} options={units.filter((u) => u.id !== r.unitId).map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
            <Form.Item label='转办说明（选填）' htmlFor='transfer-note'>
              <Input.TextArea id='transfer-note' rows={2} maxLength={200} value={transferNote} onChange={(e) => setTransferNote(e.target.value)} />
            </Form.Item>
            <Popconfirm title={`确定转办至${transferTo ? unitName(transferTo) : ''}？`} description='新单位将收到通知，办理时限重新计算。' okText='确定转办' cancelText='取消' onConfirm={() => act(`已转办至${unitName(transferTo!)}`, () => client.call('report', 'transfer', { id: r.id, unitId: transferTo!, ...(transferNote.trim() ? { note: transferNote.trim() } : {}) }))}>
              <Button type='primary' loading={busy} disabled={!transferTo}>转办</Button>
            </Popconfirm>
          </div>
        )}
        {may(r, 'decideExtension') && pending && (
          <div className='case-action case-action--decide'>
            <Divider />
            {title('延期审批')}
            <Typography.Paragraph className='case-action__pending'>{`${unitName(pending.unitId)}申请延期 ${pending.hours} 小时：${pending.reason}`}</Typography.Paragraph>
            <Form.Item label='审批意见（不同意时必填）' htmlFor='decision-reason'>
              <Input.TextArea id='decision-reason' rows={2} maxLength={200} value={decisionReason} onChange={(e) => setDecisionReason(e.target.value)} />
            </Form.Item>
            <Space>
              <Button type='primary' loading={busy} onClick={() => void act('已同意延期', () => client.call('report', 'decideExtension', { id: r.id, approve: true, ...(decisionReason.trim() ? { reason: decisionReason.trim() } : {}) }))}>同意延期</Button>
              <Button danger loading={busy} disabled={decisionReason.trim().length < 2} onClick={() => void act('已不同意延期', () => client.call('report', 'decideExtension', { id: r.id, approve: false, reason: decisionReason.trim() }))}>不同意</Button>
            </Space>
          </div>
        )}
        {may(r, 'verify') && (
          <div className='case-action case-action--verify'>
            <Divider />
            {title('现场核查')}
            <Form.Item label='核查结果'>
              <Radio.Group value={verifyPassed} onChange={(e) => setVerifyPassed(e.target.value as boolean)} optionType='button' options={[{ value: true, label: '核查通过' }, { value: false, label: '未通过，返工' }]} />
            </Form.Item>
            <Form.Item label='核查意见' htmlFor='verify-note'>
              <Input.TextArea id='verify-note' rows={2} maxLength={200} value={verifyNote} onChange={(e) => setVerifyNote(e.target.value)} />
            </Form.Item>
            <Button type='primary' loading={busy} disabled={verifyPassed === null || verifyNote.trim().length < 2} onClick={() => void act(verifyPassed ? '核查通过，已通知上报人评价' : '核查未通过，已退回责任单位返工', () => client.call('report', 'verify', { id: r.id, passed: verifyPassed!, note: verifyNote.trim() }))}>提交核查结果</Button>
          </div>
        )}
        {may(r, 'place') && (
          <div className='case-action case-action--place'>
            <Divider />
            {title('定位（待定位）')}
            <Typography.Paragraph type='secondary'>接入系统只给了地址，系统暂按村居中心点登记。请核实位置后填写坐标（GCJ-02，可从腾讯地图拾取），再转办给责任单位。</Typography.Paragraph>
            <Space wrap>
              <Form.Item label='纬度' htmlFor='place-lat'><Input id='place-lat' inputMode='decimal' value={spot.latitude} onChange={(e) => setSpot({ ...spot, latitude: e.target.value })} /></Form.Item>
              <Form.Item label='经度' htmlFor='place-lng'><Input id='place-lng' inputMode='decimal' value={spot.longitude} onChange={(e) => setSpot({ ...spot, longitude: e.target.value })} /></Form.Item>
            </Space>
            <Form.Item label='地址' htmlFor='place-address'><Input id='place-address' maxLength={200} value={spot.address} placeholder={r.location.address ?? ''} onChange={(e) => setSpot({ ...spot, address: e.target.value })} /></Form.Item>
            <Button type='primary' loading={busy} disabled={!Number.isFinite(Number.parseFloat(spot.latitude)) || !Number.isFinite(Number.parseFloat(spot.longitude))}
              onClick={() => void act('已定位', () => client.call('report', 'place', { id: r.id, location: { latitude: Number(spot.latitude), longitude: Number(spot.longitude), ...(spot.address.trim() ? { address: spot.address.trim() } : {}) } }))}>确认定位</Button>
          </div>
        )}
        {may(r, 'urge') && (
          <div className='case-action case-action--urge'>
            <Divider />
            {title('督办')}
            <Form.Item label='督办意见（通知责任单位）' htmlFor='urge-note'>
              <Input.TextArea id='urge-note' rows={2} maxLength={200} value={urgeNote} onChange={(e) => setUrgeNote(e.target.value)} />
            </Form.Item>
            <Button loading={busy} disabled={urgeNote.trim().length < 2} onClick={() => void act('已督办', () => client.call('report', 'urge', { id: r.id, note: urgeNote.trim() }))}>督办</Button>
          </div>
        )}
      </Form>
    )
  }

  /** The workflow's facts, for staff: returns, extensions and 督办 of the case. */
  const workflowFacts = (r: Report) => {
    const w = r.workflow
    const links = w?.links ?? []
    const attributes = w?.attributes ?? []
    if (!w || (!w.returns && !w.extensions.length && !w.urges && !w.reworks && !w.caller && !links.length && !attributes.length && !w.placedByName)) return null
    return (
      <>
        {w.caller && (
          <Descriptions.Item label={w.caller.channel === 'phone' ? '来电人' : w.caller.channel === 'visit' ? '来访人' : '反映人（接入系统）'}>
            <span className='case-detail__caller'>{[w.caller.name, w.caller.phone, w.caller.email].filter(Boolean).join('，') || '未留姓名'}</span>
          </Descriptions.Item>
        )}
        {w.placedByName && <Descriptions.Item label='位置'><Tag color='orange'>待定位</Tag>按地址中的村居名暂定（村居中心点），请在下方定位后转办</Descriptions.Item>}
        {links.length > 0 && (
          <Descriptions.Item label='接入方照片链接'>
            {links.map((l) => <div key={l}><a href={l} target='_blank' rel='noopener noreferrer nofollow'>{l}</a></div>)}
            {(w.linkProblems ?? []).map((p) => <div key={p} className='case-detail__link-problem'><Typography.Text type='warning'>{p}</Typography.Text></div>)}
          </Descriptions.Item>
        )}
        {attributes.length > 0 && <Descriptions.Item label='接入方附加信息'>{attributes.map((a) => `${a.code}：${a.value}`).join('；')}</Descriptions.Item>}
        {w.returnedFrom && <Descriptions.Item label='退回单位'>{unitName(w.returnedFrom)}</Descriptions.Item>}
        {w.returns > 0 && <Descriptions.Item label='退回次数'>{w.returns}</Descriptions.Item>}
        {w.urges > 0 && <Descriptions.Item label='督办次数'><span className='case-detail__urges'>{w.urges}</span></Descriptions.Item>}
        {w.reworks > 0 && <Descriptions.Item label='核查返工'>{w.reworks} 次</Descriptions.Item>}
        {w.extensions.length > 0 && (
          <Descriptions.Item label='延期申请'>
            <span className='case-detail__extensions'>
              {w.extensions.map((e) => `${e.hours} 小时（${e.decision ? DECISION_NAMES[e.decision] : '待审批'}）`).join('；')}
            </span>
          </Descriptions.Item>
        )}
      </>
    )
  }

  return (
    <Drawer open={id !== null} onClose={onClose} width={640} title={report ? `工单 ${caseNumber(report)}` : '工单详情'} destroyOnHidden>
      {loadError ? (
        <Alert type='error' showIcon role='alert' message={loadError} />
      ) : !report ? (
        <Spin />
      ) : (
        <div className='case-detail'>
          <Descriptions column={1} bordered size='small'>
            <Descriptions.Item label='类别'>{report.categoryName}</Descriptions.Item>
            <Descriptions.Item label='状态'><StatusTag report={report} /></Descriptions.Item>
            <Descriptions.Item label='描述'><span className='case-detail__description'>{report.description}</span></Descriptions.Item>
            {(report.answers ?? []).map((a) => (
              <Descriptions.Item key={a.code} label={a.label}><span className='case-detail__answer'>{a.value}</span></Descriptions.Item>
            ))}
            <Descriptions.Item label='地点'>{report.location.address ?? `${report.location.latitude.toFixed(5)}, ${report.location.longitude.toFixed(5)}`}</Descriptions.Item>
            <Descriptions.Item label='上报人'>{report.reporter?.nickname ?? (report.anonymous ? '匿名上报' : '—')}</Descriptions.Item>
            <Descriptions.Item label='上报时间'>{districtTime(report.createdAt)}</Descriptions.Item>
            <Descriptions.Item label='期限'><span className='case-detail__deadline'>{deadlineText(report)}</span></Descriptions.Item>
            <Descriptions.Item label='责任单位'>{unitName(report.unitId)}</Descriptions.Item>
            {grid && <Descriptions.Item label='村居网格员'><span className='case-detail__grid'>{grid.length ? grid.join('、') : '该村居还没有网格员'}</span></Descriptions.Item>}
            <Descriptions.Item label='公开状态'>{publicState(report)}</Descriptions.Item>
            {report.kind === 'problem' && <Descriptions.Item label='附和人数'>{report.supportCount}</Descriptions.Item>}
            {report.rating && <Descriptions.Item label='评价'>{`${report.rating.score} 星${report.rating.comment ? `：${report.rating.comment}` : ''}`}</Descriptions.Item>}
            {report.reply && <Descriptions.Item label='办理说明'>{report.reply}</Descriptions.Item>}
            {workflowFacts(report)}
          </Descriptions>
          <Divider orientation='left'>现场照片</Divider>
          <Photos ids={report.photos} label='现场照片' hidden={report.hiddenPhotos} onHide={staffView ? askHide : undefined} />
          {report.afterPhotos.length > 0 && (
            <>
              <Divider orientation='left'>整改后照片</Divider>
              <Photos ids={report.afterPhotos} label='整改后照片' hidden={report.hiddenPhotos} onHide={staffView ? askHide : undefined} />
            </>
          )}
          {(report.supplements?.length ?? 0) > 0 && (
            <>
              {/* 居民补充 (issue 24): neighbours' words and photos given with 我也遇到, for staff (view.ts) */}
              <Divider orientation='left'>{`居民补充（${report.supplements!.length}）`}</Divider>
              {report.supplements!.map((x, i) => (
                <div key={`${x.at}-${i}`} className='case-supplement'>
                  <Typography.Paragraph>{`${districtTime(x.at)}${x.note ? `：${x.note}` : ''}`}</Typography.Paragraph>
                  {x.photos.length > 0 && <Photos ids={x.photos} label={`补充 ${i + 1} 的照片`} />}
                </div>
              ))}
            </>
          )}
          <Divider orientation='left'>办理进度</Divider>
          {report.timeline.length ? (
            <Timeline
              items={report.timeline.map((e) => ({
                children: (
                  <div>
                    <div>
                      <strong>{TIMELINE_ACTIONS[e.action] ?? e.action}</strong> · {ACTOR_NAMES[e.actorRole]} · {districtTime(e.at)}
                    </div>
                    {e.note && <div>{e.note}</div>}
                  </div>
                )
              }))}
            />
          ) : (
            <Empty description='暂无进度' />
          )}
          <Divider orientation='left'>{report.kind === 'praise' ? '审核' : '办理'}</Divider>
          {actionError && <Alert type='error' showIcon role='alert' message={actionError} style={{ marginBottom: 16 }} />}
          {actions(report)}
          {staffView && (
            <>
              <Divider orientation='left'>公开管理</Divider>
              {publicView(report)}
            </>
          )}
        </div>
      )}
      <Modal
        open={hiding !== null}
        title={hiding?.photo ? `隐藏照片：${hiding.name}` : '隐藏工单'}
        okText='确定隐藏'
        cancelText='取消'
        confirmLoading={hideBusy}
        okButtonProps={{ disabled: !hideReason.trim() }}
        onOk={() => void confirmHide()}
        onCancel={() => setHiding(null)}
        destroyOnHidden
      >
        <Form layout='vertical'>
          <Form.Item label='隐藏理由（记入办理进度，仅工作人员可见）' htmlFor='hide-reason'>
            <Input.TextArea id='hide-reason' rows={2} maxLength={200} placeholder='如：照片拍到了路人面部' value={hideReason} onChange={(e) => setHideReason(e.target.value)} />
          </Form.Item>
        </Form>
        {hideError && <Alert type='error' showIcon role='alert' message={hideError} />}
      </Modal>
    </Drawer>
  )
}
