import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { toastError, toastSuccess } from '../../services/feedback'
import { districtTime } from '../../services/time'
import { ChipGroup } from '../../components/ChipGroup'
import { Field } from '../../components/Field'
import { PhotoPicker, usePhotoUploads } from '../components/PhotoPicker'
import type { CaseWorkflow, Report } from '../../../types/report'
import { useCurrentCase } from '../../stores/reports'

/**
 * The 数字城管 workflow on the handle page (issue 21, docs/workflow.md): 退回, 申请延期, 转办,
 * 延期审批, 督办 and 核查. Each section shows only when `report.actions` (the case model's answer
 * for this viewer) has its action: the page never decides who may.
 */

/** Runs an action with a toast of the outcome, and `reset` on success. */
function useAct(reset: () => void) {
  const currentCase = useCurrentCase()
  return {
    busy: currentCase.busy,
    act: async (what: () => Promise<void>, done: string) => {
      try {
        await what()
        reset()
        toastSuccess(done)
      } catch (error) {
        toastError(error)
      }
    }
  }
}

const ready = (text: string) => text.trim().length >= 2
const lastNote = (r: Report, action: string) => [...r.timeline].reverse().find((e) => e.action === action)?.note ?? null
export const pendingExtension = (wf: CaseWorkflow | undefined) => wf?.extensions.find((e) => e.decision === null) ?? null

const DECISION_WORDS = { approved: '已同意', declined: '未同意' } as const

/** 办理情况: 退回, 督办, 返工 and the extension requests, as staff see them (`report.workflow`). */
export const WorkflowFacts = observer(function WorkflowFacts({ report }: { report: Report }) {
  const { units } = useStore()
  const wf = report.workflow
  if (!wf) return null
  const lines: { key: string; text: string; strong?: boolean }[] = []
  if (report.status === 'returned' && wf.returnedFrom) {
    const why = lastNote(report, 'return')
    lines.push({ key: 'returned', text: `${units.nameOf(wf.returnedFrom) || wf.returnedFrom}已退回，待转办${why ? `：${why}` : ''}`, strong: true })
  }
  if (wf.returns > 0) lines.push({ key: 'returns', text: `退回 ${wf.returns} 次` })
  if (wf.urges > 0) {
    const note = lastNote(report, 'urge')
    lines.push({ key: 'urges', text: `督办 ${wf.urges} 次${note ? `，最近一次：${note}` : ''}`, strong: true })
  }
  if (wf.reworks > 0) {
    const note = lastNote(report, 'verifyFail')
    lines.push({ key: 'reworks', text: `核查未通过返工 ${wf.reworks} 次${note ? `，核查意见：${note}` : ''}` })
  }
  wf.extensions.forEach((e, i) => {
    const decided = e.decision ? `${DECISION_WORDS[e.decision]}${e.note ? `：${e.note}` : ''}` : '待文明办审批'
    lines.push({ key: `ext-${i}`, text: `申请延期 ${e.hours} 小时（${districtTime(e.at, 'MM-DD HH:mm')}）：${e.reason} · ${decided}` })
  })
  if (!lines.length) return null
  return (
    <View className='report-section handle__facts' role='region' aria-label='办理情况'>
      <Text className='report-section__title'>办理情况</Text>
      <View className='report-section__body'>
        {lines.map((l) => <Text key={l.key} className={`report-section__line handle__fact handle__fact--${l.key.replace(/-\d+$/, '')} ${l.strong ? 'handle__fact--strong' : ''}`}>{l.text}</Text>)}
      </View>
    </View>
  )
})

/** 退回: the case's unit sends back a case that is not theirs, with the reason. */
export const ReturnSection = observer(function ReturnSection() {
  const currentCase = useCurrentCase()
  const [reason, setReason] = useState('')
  const { busy, act } = useAct(() => setReason(''))
  return (
    <View className='report-section handle__return'>
      <Text className='report-section__title'>退回</Text>
      <View className='report-section__body'>
        <Text className='report-section__hint'>不属于本单位职责的工单，退回文明办重新派遣</Text>
        <Field label='退回理由'>
          <TextArea aria-label='退回理由' placeholder='如：属于机动车违停，应由交警处理' value={reason} maxLength={200} onChange={setReason} />
        </Field>
        <Button loading={busy} disabled={!ready(reason)} onClick={() => void act(() => currentCase.returnCase(reason.trim()), '已退回文明办')}>退回</Button>
      </View>
    </View>
  )
})

const HOURS = [24, 48, 72]

/** 申请延期: hours as chips and a reason; a pending request is shown instead of the form. */
export const ExtensionSection = observer(function ExtensionSection({ report }: { report: Report }) {
  const currentCase = useCurrentCase()
  const [hours, setHours] = useState('')
  const [reason, setReason] = useState('')
  const { busy, act } = useAct(() => { setHours(''); setReason('') })
  const pending = pendingExtension(report.workflow)
  return (
    <View className='report-section handle__extension'>
      <Text className='report-section__title'>申请延期</Text>
      <View className='report-section__body'>
        {pending ? (
          <Text className='report-section__line handle__pending'>已申请延期 {pending.hours} 小时，等待文明办审批</Text>
        ) : (
          <>
            <Text className='report-section__hint'>期限内确实办不完的，说明理由申请延期，由文明办审批</Text>
            <ChipGroup label='延期时长' options={HOURS.map((h) => ({ value: String(h), label: `${h} 小时` }))} value={hours} onChange={setHours} />
            <Field label='延期理由'>
              <TextArea aria-label='延期理由' placeholder='如：需要联合执法，协调时间较长' value={reason} maxLength={200} onChange={setReason} />
            </Field>
            <Button loading={busy} disabled={!hours || !ready(reason)} onClick={() => void act(() => currentCase.requestExtension(Number(hours), reason.trim()), '已申请延期')}>申请延期</Button>
          </>
        )}
      </View>
    </View>
  )
})

/** 转办 (dispatchers): the case goes to another unit, with an optional note. */
export const TransferSection = observer(function TransferSection({ report }: { report: Report }) {
  const { units } = useStore()
  const currentCase = useCurrentCase()
  const [unitId, setUnitId] = useState('')
  const [note, setNote] = useState('')
  const { busy, act } = useAct(() => { setUnitId(''); setNote('') })
  const options = units.units.filter((u) => u.active !== false && u.id !== report.unitId).map((u) => ({ value: u.id, label: u.name }))
  return (
    <View className='report-section handle__transfer'>
      <Text className='report-section__title'>转办</Text>
      <View className='report-section__body'>
        <Text className='report-section__hint'>转给另一个责任单位办理，办理期限从转办时重新计算</Text>
        <ChipGroup label='转办至' options={options} value={unitId} onChange={setUnitId} />
        <Field label='转办说明（选填）'>
          <TextArea aria-label='转办说明' placeholder='如：请交警大队处理' value={note} maxLength={200} onChange={setNote} />
        </Field>
        <Button type='primary' loading={busy} disabled={!unitId} onClick={() => void act(() => currentCase.transfer(unitId, note.trim()), `已转办至${units.nameOf(unitId)}`)}>
          {unitId ? `转办至${units.nameOf(unitId)}` : '转办（请先选择单位）'}
        </Button>
      </View>
    </View>
  )
})

/** 延期审批 (dispatchers): the pending request, 同意 or 不同意 (with a reason). */
export const DecideExtensionSection = observer(function DecideExtensionSection({ report }: { report: Report }) {
  const { units } = useStore()
  const currentCase = useCurrentCase()
  const [reason, setReason] = useState('')
  const { busy, act } = useAct(() => setReason(''))
  const pending = pendingExtension(report.workflow)
  if (!pending) return null
  return (
    <View className='report-section handle__decide'>
      <Text className='report-section__title'>延期审批</Text>
      <View className='report-section__body'>
        <Text className='report-section__line'>{units.nameOf(pending.unitId) || pending.unitId}申请延期 {pending.hours} 小时：{pending.reason}</Text>
        <Text className='report-section__hint'>同意后办理期限顺延 {pending.hours} 小时（按工作日计算）；不同意需填写理由</Text>
        <Field label='审批意见'>
          <TextArea aria-label='审批意见' placeholder='不同意时必填，如：时限内应能完成' value={reason} maxLength={200} onChange={setReason} />
        </Field>
        <Button type='primary' loading={busy} onClick={() => void act(() => currentCase.decideExtension(true, reason.trim()), '已同意延期')}>同意延期</Button>
        <Button disabled={!ready(reason)} onClick={() => void act(() => currentCase.decideExtension(false, reason.trim()), '已不同意延期')}>不同意（需填写理由）</Button>
      </View>
    </View>
  )
})

/** 督办 (dispatchers): urge the case's unit with a note; its staff are told. */
export const UrgeSection = observer(function UrgeSection({ report }: { report: Report }) {
  const { units } = useStore()
  const currentCase = useCurrentCase()
  const [note, setNote] = useState('')
  const { busy, act } = useAct(() => setNote(''))
  return (
    <View className='report-section handle__urge'>
      <Text className='report-section__title'>督办</Text>
      <View className='report-section__body'>
        <Text className='report-section__hint'>督促{units.nameOf(report.unitId) || '责任单位'}尽快办理，将通知该单位工作人员</Text>
        <Field label='督办意见'>
          <TextArea aria-label='督办意见' placeholder='如：群众反映强烈，请今日内办结' value={note} maxLength={200} onChange={setNote} />
        </Field>
        <Button loading={busy} disabled={!ready(note)} onClick={() => void act(() => currentCase.urge(note.trim()), '已督办')}>督办</Button>
      </View>
    </View>
  )
})

/** 核查 (网格员, dispatchers): check the fix on site — 通过 lets the reporter rate it, 不通过 sends it back (返工). */
export const VerifySection = observer(function VerifySection() {
  const { client } = useStore()
  const currentCase = useCurrentCase()
  const [note, setNote] = useState('')
  const photos = usePhotoUploads(client)
  const { busy, act } = useAct(() => setNote(''))
  const uploading = photos.photos.some((p) => !p.fileId && !p.failed)
  const disabled = !ready(note) || uploading
  return (
    <View className='report-section handle__verify'>
      <Text className='report-section__title'>现场核查</Text>
      <View className='report-section__body'>
        <Text className='report-section__hint'>到现场查看整改结果：通过后由上报人评价；不通过退回责任单位返工</Text>
        <Field label='核查意见'>
          <TextArea aria-label='核查意见' placeholder='如：现场已清理干净 / 背面还有残留' value={note} maxLength={200} onChange={setNote} />
        </Field>
        <Text className='report-section__hint'>现场照片（选填）</Text>
        <PhotoPicker photos={photos.photos} onAdd={photos.onAdd} onRetry={photos.onRetry} onRemove={photos.onRemove} />
        <Button type='primary' loading={busy} disabled={disabled} onClick={() => void act(() => currentCase.verify(true, note.trim(), photos.uploaded), '核查通过')}>核查通过</Button>
        <Button disabled={disabled} onClick={() => void act(() => currentCase.verify(false, note.trim(), photos.uploaded), '核查未通过，已退回返工')}>不通过，返工</Button>
      </View>
    </View>
  )
})
