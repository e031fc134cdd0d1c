import { useCallback } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, View, Image, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { KIND_NAMES } from '../../../types/names'
import type { BoardRow } from '../../../types/ranking'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { isWeApp } from '../../services/platform'
import { toastError } from '../../services/feedback'
import { shareImage, useCanvasImage, fontSize } from '../../components/canvasImage'
import './index.scss'

const W = 600
const H = 800

/** Draws the month's 飞虎榜 and 蜗牛榜 as an image to save or share. */
function drawPoster(ctx: Taro.CanvasContext, title: string, feihu: BoardRow[], woniu: BoardRow[]) {
  ctx.setFillStyle('#c8161d')
  ctx.fillRect(0, 0, W, H)
  ctx.setFillStyle('#ffffff')
  fontSize(ctx, 40)
  ctx.fillText('文明家园 · 村居排名', 40, 80)
  fontSize(ctx, 28)
  ctx.fillText(title, 40, 130)
  const block = (name: string, rows: BoardRow[], top: number, color: string) => {
    ctx.setFillStyle(color)
    ctx.fillRect(30, top, W - 60, 290)
    ctx.setFillStyle('#ffffff')
    fontSize(ctx, 34)
    ctx.fillText(name, 60, top + 55)
    fontSize(ctx, 28)
    rows.forEach((r, i) => ctx.fillText(`${r.rank}. ${r.villageName}（${r.townName}） ${r.score} 分`, 60, top + 110 + i * 55))
  }
  block('飞虎榜', feihu, 170, '#8c0f14')
  block('蜗牛榜', woniu, 480, '#3d3d3d')
}

function PosterPage() {
  const { ranking, session } = useStore()
  const period = Taro.getCurrentInstance().router?.params?.period ?? ''
  const draw = useCallback(async (ctx: Taro.CanvasContext) => {
    await ranking.show(period)
    drawPoster(ctx, `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月 ${KIND_NAMES[ranking.board?.kind ?? 'minor']}`, ranking.feihu, ranking.woniu)
  }, [period, ranking])
  const { image, error } = useCanvasImage('honors-poster', W, H, session.signedIn, draw)
  const share = () => shareImage(image, `飞虎榜-蜗牛榜-${period}.png`).catch(toastError)

  return (
    <PageShell error={error} className='poster'>
      <Canvas canvasId='honors-poster' id='honors-poster' className='poster__canvas' style={{ width: `${W}px`, height: `${H}px` }} />
      {image ? (
        <View className='poster__result'>
          <Image className='poster__image' src={image} mode='widthFix' aria-label={`${period} 飞虎榜和蜗牛榜图片`} nativeProps={{ alt: `${period} 飞虎榜和蜗牛榜图片` }} />
          <Button type='primary' block onClick={() => void share()}>{isWeApp ? '分享或保存图片' : '下载图片'}</Button>
        </View>
      ) : (
        <Text className='poster__hint'>正在生成图片…</Text>
      )}
    </PageShell>
  )
}

export default observer(PosterPage)
