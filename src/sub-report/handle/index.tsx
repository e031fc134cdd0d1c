import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { useCasePage } from '../components/useCasePage'
import { toastError, toastSuccess } from '../../services/feedback'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { Toggle } from '../../components/Toggle'
import { CaseSummary } from '../components/CaseSummary'
import { PhotoPicker, usePhotoUploads } from '../components/PhotoPicker'
import { Field } from '../../components/Field'
import { route } from '../../routes'
import { volunteersCanFix } from '../../../types/names'
import { linkedDrive } from '../cleanup'
import type { CaseActionName, Report } from '../../../types/report'
import { thumbOf } from '../../../types/photos'
import { Place } from './Place'
import { NextCase } from './NextCase'
import { WorkflowFacts, ReturnSection, ExtensionSection, TransferSection, DecideExtensionSection, UrgeSection, VerifySection } from './Workflow'
import '../components/report.scss'
import { CLUSTER_RADIUS, useCurrentCase } from '../../stores/reports'

/**
 * Staff handle one case: accept (dispatch to a unit), reject with a reason, resolve with a reply and
 * photos, and the 数字城管 workflow (退回, 延期, 转办, 督办, 核查). Every section shows only when the
 * case model offers its action to this viewer (`report.actions`).
 */
function HandlePage() {
  const { units, client } = useStore()
  const currentCase = useCurrentCase()
  const id = Taro.getCurrentInstance().router?.params?.id ?? ''
  const [unitId, setUnitId] = useState('')
  const [text, setText] = useState('')
  const photos = usePhotoUploads(client)
  /** Other open cases nearby that the cleanup drive takes on too. */
  const [withIds, setWithIds] = useState<string[]>([])

  const { report, act } = useCasePage(id, () => setText(''))
  /** Set once this page resolved the case: the next case of the queue is offered (issue 24). */
  const [resolvedId, setResolvedId] = useState('')
  const can = (a: CaseActionName) => report?.actions?.includes(a) ?? false
  const problem = report?.kind === 'problem'
  const cleanable = problem && can('resolve')
  useEffect(() => {
    if (cleanable) void currentCase.loadCluster().catch(() => undefined)
  }, [cleanable, currentCase, id])
  // 发起清理 offers only what volunteers can fix; cases already in a drive are shown but not picked again
  const offered = currentCase.cluster.filter(volunteersCanFix)
  const unfit = currentCase.cluster.filter((c) => c.kind !== 'praise' && !volunteersCanFix(c))
  const uploaded = photos.uploaded

  return (
    <PageShell loading={!report && !currentCase.error} error={report ? null : currentCase.error} onRefresh={() => currentCase.load(id)} className='handle'>
      {report && (
        <>
          {resolvedId === report.id && <NextCase doneId={report.id} />}
          {/* 退回, 督办, 返工 and 延期 first: what staff must know before they act */}
          <WorkflowFacts report={report} />
          <CaseSummary report={report} />
          {problem && <Place report={report} />}
          {/* 我也遇到 is anyone's, not a step of handling */}
          {!report.actions?.some((a) => a !== 'support') && <Text className='report-section__hint handle__nothing'>这件工单当前没有需要您办理的事项</Text>}
          {can('verify') && <VerifySection />}
          {can('decideExtension') && <DecideExtensionSection report={report} />}
          {can('transfer') && <TransferSection report={report} />}
          {(can('approve') || can('decline')) && (
            <View className='report-section handle__review'>
              <Text className='report-section__title'>点赞审核</Text>
              <View className='report-section__body'>
                <Text className='report-section__hint'>通过后上点赞墙，上报人获得积分；不通过需填写理由，将告知上报人</Text>
                <Field label='不通过的理由'>
                  <TextArea aria-label='不通过的理由' placeholder='不通过时必填，如：内容与文明点赞无关' value={text} maxLength={200} onChange={setText} />
                </Field>
                {can('approve') && <Button type='primary' loading={currentCase.busy} onClick={() => void act(() => currentCase.review(true), '已通过，已上点赞墙')}>通过</Button>}
                {can('decline') && <Button disabled={text.trim().length < 2} onClick={() => void act(() => currentCase.review(false, text.trim()), '已不通过')}>不通过（需填写理由）</Button>}
              </View>
            </View>
          )}
          {can('accept') && (
            <View className='report-section handle__accept'>
              <Text className='report-section__title'>受理并派单</Text>
              <View className='report-section__body'>
                <ChipGroup label='责任单位' options={units.units.map((u) => ({ value: u.id, label: u.name }))} value={unitId || report.unitId} onChange={setUnitId} />
                <Button type='primary' loading={currentCase.busy} onClick={() => void act(() => currentCase.accept(unitId && unitId !== report.unitId ? unitId : undefined), '已受理')}>受理</Button>
              </View>
            </View>
          )}
          {cleanable && (
            <View className='report-section handle__cleanup'>
              {/* 占道经营, 飞线充电 …: no 发起 offered, only why (NOT_FOR_VOLUNTEERS; the server refuses them too) */}
              <Text className='report-section__title'>{volunteersCanFix(report) ? '发起志愿清理' : '志愿清理'}</Text>
              <View className='report-section__body'>
                {!volunteersCanFix(report) ? (
                  <Text className='report-section__hint'>{report.categoryName}需由{units.nameOf(report.unitId) || '责任单位'}专业处理，不适合发起志愿清理</Text>
                ) : linkedDrive(report) ? (
                  <Text className='report-section__line handle__linked'>该问题已在志愿清理活动「{linkedDrive(report)}」中，不必再发起</Text>
                ) : (
                  <>
                    {offered.length > 0 ? (
                      <>
                        <Text className='report-section__hint'>附近 {CLUSTER_RADIUS} 米内还有 {offered.length} 件未办结的问题，可一并清理：</Text>
                        <View role='list' aria-label='可一并清理的问题'>
                          {offered.map((c) => {
                            const drive = linkedDrive(c)
                            return (
                              <View key={c.id} role='listitem' className={`handle__nearby handle__nearby--${c.id}`}>
                                <Text className='handle__nearby-text'>{c.categoryName} · {c.description.slice(0, 24)} · {Math.round(c.distance ?? 0)} 米{drive ? `\n已在清理活动「${drive}」中` : ''}</Text>
                                {!drive && <Toggle label={`一并清理：${c.categoryName} ${c.description.slice(0, 24)}`} checked={withIds.includes(c.id)} onChange={(on) => setWithIds((ids) => (on ? [...ids, c.id] : ids.filter((x) => x !== c.id)))} />}
                              </View>
                            )
                          })}
                        </View>
                      </>
                    ) : (
                      <Text className='report-section__hint'>附近 {CLUSTER_RADIUS} 米内没有其他可由志愿者清理的问题</Text>
                    )}
                    {unfit.length > 0 && <Text className='report-section__hint'>另有 {unfit.length} 件（{[...new Set(unfit.map((c) => c.categoryName))].join('、')}）需专业单位处理，未列出</Text>}
                    <Button onClick={() => void Taro.navigateTo({ url: route.driveCreate({ reportIds: [report.id, ...withIds], address: report.location.address ?? '', villageId: report.villageId }) })}>
                      发起志愿清理（共 {1 + withIds.length} 件）
                    </Button>
                  </>
                )}
              </View>
            </View>
          )}
          {problem && (can('resolve') || can('reject')) && (
            <View className='report-section handle__reply'>
              <Text className='report-section__title'>{can('resolve') ? '办结' : '驳回'}</Text>
              <View className='report-section__body'>
                <TextArea aria-label='办理说明或驳回理由' placeholder={can('resolve') ? '办理说明（将告知上报人）' : '驳回理由'} value={text} maxLength={500} onChange={setText} />
                {can('resolve') && (
                  <>
                    <Text className='report-section__hint'>整改后照片（至少 1 张）</Text>
                    <PhotoPicker photos={photos.photos} onAdd={photos.onAdd} onRetry={photos.onRetry} onRemove={photos.onRemove} />
                    <Button type='primary' loading={currentCase.busy} disabled={text.trim().length < 2 || uploaded.length === 0} onClick={() => void act(async () => { await currentCase.resolve(text.trim(), uploaded); setResolvedId(id); void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined) }, '已办结')}>办结</Button>
                  </>
                )}
                {can('reject') && (
                  <Button disabled={text.trim().length < 2} onClick={() => void act(() => currentCase.reject(text.trim()), '已驳回')}>驳回</Button>
                )}
              </View>
            </View>
          )}
          {can('requestExtension') && <ExtensionSection report={report} />}
          {can('urge') && <UrgeSection report={report} />}
          {can('return') && <ReturnSection />}
          {(can('hide') || can('unhide')) && <PublicView report={report} />}
        </>
      )}
    </PageShell>
  )
}

/** 公开管理: keep the case or one photo from public view with a reason (in the timeline), or publish the case again. */
const PublicView = observer(function PublicView({ report }: { report: Report }) {
  const { client } = useStore()
  const currentCase = useCurrentCase()
  const [reason, setReason] = useState('')
  const act = async (what: () => Promise<void>, done: string) => {
    try {
      await what()
      setReason('')
      toastSuccess(done)
    } catch (error) {
      toastError(error)
    }
  }
  const shown = [...report.photos, ...report.afterPhotos].filter((p) => !report.hiddenPhotos.includes(p))
  const ready = reason.trim().length >= 2
  return (
    <View className='report-section handle__public'>
      <Text className='report-section__title'>公开管理</Text>
      <View className='report-section__body'>
        {report.hidden ? (
          <>
            <Text className='report-section__line'>已不予公开：{report.hidden.reason}</Text>
            <Button loading={currentCase.busy} onClick={() => void act(() => currentCase.unhide(), '已恢复公开')}>恢复公开</Button>
          </>
        ) : (
          <>
            <Text className='report-section__hint'>涉及个人隐私、不宜公开的内容，可不予公开或隐藏单张照片；上报人仍能看到，理由记入办理记录</Text>
            <Field label='不予公开的理由'>
              <TextArea aria-label='不予公开的理由' placeholder='如：照片拍到了路人面部' value={reason} maxLength={200} onChange={setReason} />
            </Field>
            {shown.map((p, i) => (
              <View key={p} className='handle__photo'>
                <Image className='handle__photo-thumb' src={client.fileUrl(thumbOf(p))} mode='aspectFill' nativeProps={{ alt: `第 ${i + 1} 张照片` }} />
                <Button size='small' disabled={!ready} onClick={() => void act(() => currentCase.hidePhoto(p, reason.trim()), '已隐藏这张照片')}>隐藏第 {i + 1} 张照片</Button>
              </View>
            ))}
            <Button disabled={!ready} onClick={() => void act(() => currentCase.hide(reason.trim()), '已不予公开')}>整条不予公开</Button>
          </>
        )}
      </View>
    </View>
  )
})

export default observer(HandlePage)
