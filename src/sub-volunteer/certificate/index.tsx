import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, View, Image, Text } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { Field } from '../../components/Field'
import { isWeApp } from '../../services/platform'
import { toastError } from '../../services/feedback'
import { fontSize, shareImage, useCanvasImage } from '../../components/canvasImage'
import { route } from '../../routes'
import { paintQr } from '../components/qr'
import { starTitle } from '../../../types/names'
import '../../sub-ranking/poster/index.scss'
import './index.scss'
import { useVolunteer } from '../../stores/volunteer'

const W = 600
const H = 480
const QR = 120

/** What the certificate's QR code holds: in a browser the verification page's address; in WeChat its path (scanned in the app). */
function verifyLink(number: string): string {
  const path = route.verifyCertificate(number)
  return isWeApp ? path : `${window.location.origin}${window.location.pathname}#${path}`
}

/** Draws the certificate: a centred title, the text, the number on its own line, the issuer with its seal, and the QR code to check it. */
function drawCertificate(ctx: Taro.CanvasContext, c: { name: string; hours: number; drives: number; issuer: string; number: string; date: string; stars: number }) {
  ctx.setFillStyle('#fffaf0')
  ctx.fillRect(0, 0, W, H)
  ctx.setStrokeStyle('#c8161d')
  ctx.setLineWidth(6)
  ctx.strokeRect(12, 12, W - 24, H - 24)
  // centred by width (CJK glyphs are one em wide): canvas text alignment differs between platforms
  const centred = (text: string, size: number, y: number, cx = W / 2) => {
    fontSize(ctx, size)
    ctx.fillText(text, cx - (Array.from(text).length * size) / 2, y)
  }
  ctx.setFillStyle('#a31218')
  centred('志愿服务证明', 44, 88)
  ctx.setFillStyle('#1a1a1a')
  fontSize(ctx, 24)
  ctx.fillText(`兹证明 ${c.name} 同志参加志愿服务活动 ${c.drives} 次，`, 50, 160)
  ctx.fillText(`累计志愿服务时长 ${c.hours} 小时。`, 50, 205)
  // 星级志愿者 (issue 28): the certificate states the star of the certified hours
  ctx.fillText(c.stars > 0 ? `评定为${starTitle(c.stars)}。特发此证。` : '特发此证。', 50, 250)
  fontSize(ctx, 18)
  ctx.fillText(`证书编号：${c.number}`, 50, 300)
  ctx.fillText('扫码或在“证明核验”输入编号可查验真伪', 50, 330)
  // the issuer and date at the right, under a red seal
  ctx.setFillStyle('#1a1a1a')
  centred(c.issuer, 18, 392, 280)
  fontSize(ctx, 18)
  ctx.fillText(c.date, 280 - (c.date.length * 18) / 4, 424) // digits are half an em
  // the seal over the issuer's name, as it is stamped on paper
  ctx.setStrokeStyle('rgba(200, 22, 29, 0.85)')
  ctx.setLineWidth(4)
  ctx.beginPath()
  ctx.arc(280, 398, 48, 0, 2 * Math.PI)
  ctx.stroke()
  const ox = W - QR - 40
  const oy = H - QR - 40
  paintQr({ setFillStyle: (color) => ctx.setFillStyle(color), fillRect: (x, y, w, h) => ctx.fillRect(ox + x, oy + y, w, h) }, verifyLink(c.number), QR)
}

/** 志愿服务证明: issued to the volunteer's real name for credited hours, drawn on a canvas to save or share. */
function CertificatePage() {
  const { session } = useStore()
  const volunteer = useVolunteer()
  const [error, setError] = useState<unknown>(null)
  const [loaded, setLoaded] = useState(false)
  const [realName, setRealName] = useState('')
  const [saving, setSaving] = useState(false)
  const load = useCallback(() => volunteer.loadCertificate().then(() => setLoaded(true), setError), [volunteer])
  useEffect(() => void load(), [load])

  const c = volunteer.certificate
  const draw = useCallback(async (ctx: Taro.CanvasContext) => {
    if (volunteer.certificate) drawCertificate(ctx, volunteer.certificate)
  }, [volunteer.certificate])
  const { image, error: drawError } = useCanvasImage('certificate', W, H, !!c, draw)
  const share = () => shareImage(image, `志愿服务证明-${c?.number ?? ''}.png`).catch(toastError)

  const saveName = async () => {
    setSaving(true)
    try {
      await session.updateProfile({ realName: realName.trim() })
      await load()
    } catch (e) {
      toastError(e)
    } finally {
      setSaving(false)
    }
  }

  const blocked = volunteer.certificateBlocked
  return (
    <PageShell loading={!loaded && !error} error={error ?? drawError} className='poster certificate'>
      <Canvas canvasId='certificate' id='certificate' className='poster__canvas' style={{ width: `${W}px`, height: `${H}px` }} />
      {blocked?.reason === 'realName' && (
        <View className='certificate__name'>
          <Text className='certificate__lead'>志愿服务证明开具给您的真实姓名。真实姓名只显示在证明上和活动组织者的名单中。</Text>
          <Field label='真实姓名'>
            <Input className='field' aria-label='真实姓名' placeholder='如：王秀兰' value={realName} maxLength={20} onChange={setRealName} />
          </Field>
          <Button type='primary' block loading={saving} disabled={realName.trim().length < 2} onClick={() => void saveName()}>保存并开具证明</Button>
        </View>
      )}
      {blocked?.reason === 'hours' && (
        <View className='certificate__name'>
          <Text className='certificate__lead'>{blocked.message}</Text>
          <Button type='primary' block onClick={() => void Taro.switchTab({ url: route.volunteer })}>去看看志愿活动</Button>
        </View>
      )}
      {c && <Text className='poster__hint certificate__summary'>{c.name} · {c.hours} 小时 · {c.drives} 次{c.stars > 0 ? ` · ${starTitle(c.stars)}` : ''} · {c.number}</Text>}
      {c && (image ? (
        <View className='poster__result'>
          <Image className='poster__image' src={image} mode='widthFix' aria-label='志愿服务证明图片' nativeProps={{ alt: '志愿服务证明图片' }} />
          <Button type='primary' block onClick={() => void share()}>{isWeApp ? '保存或分享证明' : '下载证明'}</Button>
          <Button type='default' block onClick={() => void Taro.navigateTo({ url: route.verifyCertificate(c.number) })}>核验这份证明</Button>
        </View>
      ) : (
        <Text className='poster__hint'>正在生成证明…</Text>
      ))}
    </PageShell>
  )
}

export default observer(CertificatePage)
