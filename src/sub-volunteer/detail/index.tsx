import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, Image, Map, View, Text } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { dateLabel, districtTime } from '../../services/time'
import { ACTIVITY_STATUS_NAMES, SIGNUP_STATUS_NAMES } from '../../../types/names'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { isWeApp } from '../../services/platform'
import { toastError, toastSuccess } from '../../services/feedback'
import { route } from '../../routes'
import { askForNotices } from '../../services/subscribe'
import { capacityText } from '../../pages/volunteer/DriveCard'
import { shareImage, useCanvasImage } from '../../components/canvasImage'
import { openPlace } from '../../services/location'
import { codeFromScan, paintQr } from '../components/qr'
import { Field } from '../../components/Field'
import { LinkedReports } from '../components/LinkedReports'
import { DriveOutcomes } from '../components/DriveOutcomes'
import '../../pages/volunteer/cards.scss'
import '../components/volunteer.scss'
import { useVolunteer } from '../../stores/volunteer'

const QR_SIDE = 232

/** A drive: details, signup/cancel, check-in and check-out with the code; the organizer sees the code and roster. */
function DriveDetail() {
  const { regions } = useStore()
  const volunteer = useVolunteer()
  const id = Taro.getCurrentInstance().router?.params?.id ?? ''
  const [code, setCode] = useState('')
  const [reason, setReason] = useState('')
  useEffect(() => {
    void volunteer.loadDrive(id)
    void regions.load().catch(() => undefined)
  }, [id, volunteer, regions])
  const d = volunteer.drive?.id === id ? volunteer.drive : null
  // The organizer's code changes every minute: fetch the next one when it does (the QR follows).
  const expiresAt = d?.checkinCodeExpiresAt
  useEffect(() => {
    if (!expiresAt) return
    const timer = setTimeout(() => void volunteer.loadDrive(id), Math.max(1000, Date.parse(expiresAt) - Date.now() + 500))
    return () => clearTimeout(timer)
  }, [expiresAt, id, volunteer])
  // The organizer's check-in code as a QR image, to show on the phone or print.
  const checkinCode = d?.checkinCode ?? ''
  const drawQr = useCallback((ctx: Taro.CanvasContext) => void paintQr(ctx, checkinCode, QR_SIDE), [checkinCode])
  const qr = useCanvasImage('checkin-qr', QR_SIDE, QR_SIDE, Boolean(checkinCode), drawQr)
  const run = async (what: () => Promise<void>, done: string) => {
    try {
      await what()
      toastSuccess(done)
    } catch (e) {
      toastError(e)
    }
  }
  /** 取消报名 asks first: a place given up may go to the first on the waitlist at once. */
  const confirmCancel = async () => {
    const waitlisted = volunteer.drive?.mySignup?.status === 'waitlisted'
    const { confirm } = await Taro.showModal({
      title: '取消报名？',
      content: waitlisted ? '取消后将退出候补，如需参加需重新报名。' : '取消后您的名额会让给候补的志愿者，如需参加需重新报名。',
      confirmText: '取消报名',
      cancelText: '再想想'
    })
    if (confirm) await run(volunteer.cancel, '已取消报名')
  }
  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true })
      const scanned = codeFromScan(result)
      if (scanned) setCode(scanned)
      else Taro.showToast({ title: '没有识别到签到码，请手动输入', icon: 'none' })
    } catch {
      // cancelled
    }
  }
  const my = d?.mySignup
  const active = my && my.status !== 'cancelled'
  return (
    <PageShell loading={!d && !volunteer.error} error={d ? null : volunteer.error} onRefresh={() => volunteer.loadDrive(id)} className='drive'>
      {d && (
        <>
          <View className='vol-section'>
            <Text className='vol-section__title drive__title'>{d.title}</Text>
            <Text className='drive__status'>{ACTIVITY_STATUS_NAMES[d.status]} · 报名 {capacityText(d)}</Text>
            <Text>时间：{districtTime(d.startAt, 'YYYY-MM-DD HH:mm')}–{districtTime(d.endAt, 'HH:mm')}</Text>
            <Text>地点：{regions.fullNameOf(d.villageId)} · {d.address}</Text>
            <Text>组织者：{d.organizerName}</Text>
            <Text className='vol-section__hint'>报名截止：{districtTime(d.signupDeadline, 'MM-DD HH:mm')}</Text>
            {d.description && <Text>{d.description}</Text>}
            {d.reportIds.length > 0 && <LinkedReports ids={d.reportIds} />}
            {d.outcomes.some((o) => o.resolvedByDrive) && <View className='drive__fixed' role='status'><Text>本次活动已清理 {d.outcomes.filter((o) => o.resolvedByDrive).length} 件问题</Text></View>}
            {d.cancelReason && <Text className='drive__cancelled'>已取消：{d.cancelReason}</Text>}
          </View>

          {d.location && (
            <View className='vol-section drive__place'>
              <Text className='vol-section__title'>集合地点</Text>
              {isWeApp && (
                <Map
                  className='drive__map'
                  latitude={d.location.latitude}
                  longitude={d.location.longitude}
                  scale={16}
                  markers={[{ id: 1, latitude: d.location.latitude, longitude: d.location.longitude, title: d.address, width: 32, height: 32, iconPath: '/assets/tab/volunteer-active.png' }]}
                  onError={() => undefined}
                />
              )}
              <Text className='vol-section__hint'>{d.address}（{d.location.latitude.toFixed(5)}, {d.location.longitude.toFixed(5)}）</Text>
              <Button size='small' onClick={() => void openPlace(d.location!, d.title, d.address).catch(toastError)}>{isWeApp ? '在地图中查看 / 导航' : '在高德地图中查看'}</Button>
            </View>
          )}

          <View className='vol-section drive__mine'>
            <Text className='vol-section__title'>我的报名</Text>
            {active ? (
              <Text className='drive__signup'>
                {SIGNUP_STATUS_NAMES[my.status]}{my.position ? `（候补第 ${my.position} 位）` : ''}{my.minutes ? ` · 志愿时长 ${my.minutes} 分钟` : ''}
              </Text>
            ) : (
              <Text className='vol-section__hint'>尚未报名</Text>
            )}
            {!active && (d.status === 'open' || d.status === 'full') && (
              <Button type='primary' loading={volunteer.busy} onClick={() => { void askForNotices('drive'); void run(volunteer.signup, d.status === 'full' ? '已加入候补' : '报名成功') }}>{d.status === 'full' ? '加入候补' : '报名'}</Button>
            )}
            {my?.status === 'completed' && my.checkOutAt && (
              <View className='drive__done' role='status'>
                <Text className='drive__done-title'>✓ 已签退 · 志愿时长 {my.minutes} 分钟</Text>
                <Text>签到 {my.checkInAt ? districtTime(my.checkInAt, 'HH:mm') : '—'} · 签退 {my.checkOutAt ? districtTime(my.checkOutAt, 'HH:mm') : '—'}（{dateLabel(districtTime(d.startAt, 'YYYY-MM-DD'))}）</Text>
                <Text className='vol-section__hint'>时长已计入「我的志愿」，可开具志愿服务证明</Text>
                <Button type='primary' onClick={() => void Taro.navigateTo({ url: route.certificate })}>查看志愿服务证明</Button>
              </View>
            )}
            {(my?.status === 'confirmed' || my?.status === 'waitlisted') && (
              <Button loading={volunteer.busy} onClick={() => void confirmCancel()}>取消报名</Button>
            )}
            {my?.status === 'confirmed' && Date.now() < Date.parse(d.checkinOpensAt) && (
              <Text className='vol-section__hint drive__checkin-later'>签到从 {districtTime(d.checkinOpensAt, 'MM-DD HH:mm')} 开始（活动开始前 30 分钟），届时在此输入组织者出示的签到码</Text>
            )}
            {((my?.status === 'confirmed' && Date.now() >= Date.parse(d.checkinOpensAt)) || my?.status === 'checkedIn') && (
              <>
                <Field label={my.status === 'confirmed' ? '签到码' : '签退码'}>
                  <Input className='field drive__code' aria-label='签到码' placeholder='组织者出示的 6 位数字' type='number' maxLength={6} value={code} onChange={setCode} />
                </Field>
                {isWeApp && <Button size='small' onClick={() => void scan()}>扫码</Button>}
                {my.status === 'confirmed' ? (
                  <Button type='primary' disabled={code.length !== 6} onClick={() => void run(() => volunteer.checkIn(code), '签到成功')}>签到</Button>
                ) : (
                  <Button type='primary' disabled={code.length !== 6} onClick={() => void run(() => volunteer.checkOut(code), '签退成功')}>签退</Button>
                )}
              </>
            )}
          </View>

          {d.mayManage && d.reportIds.length > 0 && d.status !== 'cancelled' && Date.parse(d.startAt) <= Date.now() && <DriveOutcomes driveId={d.id} />}

          {d.checkinCode && (
            <View className='vol-section drive__organizer'>
              <Text className='vol-section__title'>组织者</Text>
              <Text className='vol-section__hint'>签到码每分钟更新一次，请出示给现场志愿者（活动开始前 30 分钟至结束有效）</Text>
              <Text className='vol-section__code drive__checkin-code'>{d.checkinCode}</Text>
              <Canvas canvasId='checkin-qr' id='checkin-qr' className='drive__qr-canvas' style={{ width: `${QR_SIDE}px`, height: `${QR_SIDE}px` }} />
              {qr.image ? (
                <View className='drive__qr'>
                  <Image className='drive__qr-image' src={qr.image} mode='aspectFit' aria-label={`签到二维码 ${d.checkinCode}`} nativeProps={{ alt: `签到二维码 ${d.checkinCode}` }} />
                  <Button size='small' onClick={() => void shareImage(qr.image, `签到二维码-${d.title}.png`).catch(toastError)}>{isWeApp ? '保存或分享二维码' : '下载二维码'}</Button>
                </View>
              ) : (
                <Text className='vol-section__hint'>{qr.error ? '二维码生成失败，请出示数字签到码' : '正在生成签到二维码…'}</Text>
              )}
              <Button onClick={() => void Taro.navigateTo({ url: route.roster(d.id) })}>报名名单</Button>
              {d.status !== 'cancelled' && d.status !== 'finished' && (
                <>
                  <Button onClick={() => void Taro.navigateTo({ url: route.driveEdit(d.id) })}>编辑活动</Button>
                  <Field label='取消理由（将通知所有报名者）'>
                    <Input className='field drive__reason' aria-label='取消理由' placeholder='如：天气原因改期' value={reason} onChange={setReason} />
                  </Field>
                  <Button disabled={reason.trim().length < 2} onClick={() => void run(() => volunteer.cancelDrive(reason.trim()), '活动已取消')}>取消活动</Button>
                </>
              )}
            </View>
          )}
        </>
      )}
    </PageShell>
  )
}

export default observer(DriveDetail)
