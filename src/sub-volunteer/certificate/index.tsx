import { useCallback } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, View, Image, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { isWeApp } from '../../services/platform'
import { toastError } from '../../services/feedback'
import { shareImage, useCanvasImage } from '../../components/canvasImage'
import '../../sub-ranking/poster/index.scss'

const W = 600
const H = 420

/** 志愿服务证明 drawn on a canvas, to save or share. */
function CertificatePage() {
  const { volunteer } = useStore()
  const draw = useCallback(async (ctx: Taro.CanvasContext) => {
    if (!volunteer.certificate) await volunteer.loadMine()
    const c = volunteer.certificate!
    ctx.setFillStyle('#fffaf0')
    ctx.fillRect(0, 0, W, H)
    ctx.setStrokeStyle('#c8161d')
    ctx.setLineWidth(6)
    ctx.strokeRect(12, 12, W - 24, H - 24)
    ctx.setFillStyle('#a31218')
    ctx.setFontSize(40)
    ctx.fillText('志愿服务证明', 180, 80)
    ctx.setFillStyle('#1a1a1a')
    ctx.setFontSize(24)
    ctx.fillText(`兹证明 ${c.name} 同志参加志愿服务活动 ${c.drives} 次，`, 50, 150)
    ctx.fillText(`累计志愿服务时长 ${c.hours} 小时。`, 50, 195)
    ctx.fillText('特发此证，以资鼓励。', 50, 240)
    ctx.setFontSize(20)
    ctx.fillText(`证书编号：${c.number}`, 50, 320)
    ctx.fillText(c.issuer, 320, 320)
    ctx.fillText(c.date, 320, 355)
  }, [volunteer])
  const { image, error } = useCanvasImage('certificate', W, H, true, draw)
  const c = volunteer.certificate
  const share = () => shareImage(image, `志愿服务证明-${c?.number ?? ''}.png`).catch(toastError)
  return (
    <PageShell error={error} className='poster certificate'>
      <Canvas canvasId='certificate' id='certificate' className='poster__canvas' style={{ width: `${W}px`, height: `${H}px` }} />
      {c && <Text className='poster__hint certificate__summary'>{c.name} · {c.hours} 小时 · {c.drives} 次 · {c.number}</Text>}
      {image ? (
        <View className='poster__result'>
          <Image className='poster__image' src={image} mode='widthFix' aria-label='志愿服务证明图片' nativeProps={{ alt: '志愿服务证明图片' }} />
          <Button type='primary' block onClick={() => void share()}>{isWeApp ? '保存或分享证明' : '下载证明'}</Button>
        </View>
      ) : (
        <Text className='poster__hint'>正在生成证明…</Text>
      )}
    </PageShell>
  )
}

export default observer(CertificatePage)
