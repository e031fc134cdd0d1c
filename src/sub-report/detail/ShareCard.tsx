import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { Report } from '../../../types/report'
import { thumbOf } from '../../../types/photos'
import { useStore } from '../../stores/root'
import { isWeApp } from '../../services/platform'
import { toastError } from '../../services/feedback'
import { fontSize, shareImage, useCanvasImage } from '../../components/canvasImage'
import { placeOf, shareStatus, shareUrl, type ShareMessage } from '../share'

/** The share card: 5 : 4, as WeChat shows a shared page's picture. */
const W = 500
const H = 400
const CARD = 'share-card'

/** A photo ready for the canvas: a local file (WeChat) or a loaded image (H5), with its size to crop it. */
interface Drawable {
  src: string | HTMLImageElement
  width: number
  height: number
}

/** Loads a photo for drawing; null when it cannot be (the card is drawn without it). */
async function drawable(url: string): Promise<Drawable | null> {
  try {
    if (isWeApp) {
      // the canvas draws local files: a cloud file is downloaded first, then measured
      const local = url.startsWith('cloud://') ? (await Taro.cloud.downloadFile({ fileID: url })).tempFilePath : url
      const info = await Taro.getImageInfo({ src: local })
      return { src: info.path, width: info.width, height: info.height }
    }
    // H5: the photo is served by this origin, so the canvas stays readable
    return await new Promise<Drawable | null>((resolve) => {
      const img = new window.Image()
      img.onload = () => resolve({ src: img, width: img.naturalWidth, height: img.naturalHeight })
      img.onerror = () => resolve(null)
      img.src = url
    })
  } catch {
    return null
  }
}

/** The case's public photos (thumbnails) loaded for the card: the first before and the first after. */
function useCardPhotos(report: Report | null): { before: Drawable | null; after: Drawable | null } | null {
  const { client } = useStore()
  const [photos, setPhotos] = useState<{ id: string; before: Drawable | null; after: Drawable | null } | null>(null)
  const before = report?.photos.find((p) => !report.hiddenPhotos.includes(p)) ?? null
  const after = report?.afterPhotos[0] ?? null
  const id = report?.id ?? null
  useEffect(() => {
    if (!id) return
    let cancelled = false
    void Promise.all([before, after].map((p) => (p ? drawable(client.fileUrl(thumbOf(p))) : Promise.resolve(null)))).then(([b, a]) => {
      if (!cancelled) setPhotos({ id, before: b ?? null, after: a ?? null })
    })
    return () => {
      cancelled = true
    }
  }, [id, before, after, client])
  return photos && photos.id === id ? photos : null
}

const STATUS_COLOURS: Record<string, string> = { resolved: '#1f7a1f', closed: '#1f7a1f', accepted: '#b35c00', submitted: '#b35c00', reopened: '#b35c00', returned: '#b35c00', verifying: '#0a6b6b' }

/** Draws a photo into a box, cropped to fill it (as `aspectFill`), with its label on a dark strip. */
function photoBox(ctx: Taro.CanvasContext, photo: Drawable | null, label: string, x: number, y: number, w: number, h: number) {
  ctx.setFillStyle('#e8e8e8')
  ctx.fillRect(x, y, w, h)
  if (photo && photo.width > 0 && photo.height > 0) {
    const scale = Math.max(w / photo.width, h / photo.height)
    const sw = w / scale
    const sh = h / scale
    ctx.drawImage(photo.src as string, (photo.width - sw) / 2, (photo.height - sh) / 2, sw, sh, x, y, w, h)
  }
  ctx.setFillStyle('rgba(0, 0, 0, 0.6)')
  ctx.fillRect(x, y + h - 36, w, 36)
  ctx.setFillStyle('#ffffff')
  fontSize(ctx, 20)
  ctx.fillText(label, x + 12, y + h - 11)
}

/** The card: the campaign's band, category and place, before/after photos and the status. */
function drawCard(ctx: Taro.CanvasContext, report: Report, place: string, photos: { before: Drawable | null; after: Drawable | null }) {
  ctx.setFillStyle('#ffffff')
  ctx.fillRect(0, 0, W, H)
  ctx.setFillStyle('#c8161d')
  ctx.fillRect(0, 0, W, 56)
  ctx.setFillStyle('#ffffff')
  fontSize(ctx, 24)
  ctx.fillText(report.kind === 'praise' ? '文明家园 · 文明点赞' : '文明家园 · 随手拍', 20, 37)
  ctx.setFillStyle('#1a1a1a')
  fontSize(ctx, 28)
  ctx.fillText(report.categoryName, 20, 96)
  ctx.setFillStyle('#555555')
  fontSize(ctx, 20)
  ctx.fillText(place, 20, 128)
  const top = 146
  const h = 180
  if (report.afterPhotos.length) {
    photoBox(ctx, photos.before, '整改前', 20, top, 224, h)
    photoBox(ctx, photos.after, '整改后', 256, top, 224, h)
  } else {
    photoBox(ctx, photos.before, '现场照片', 20, top, 460, h)
  }
  // the status as a badge, then what the card invites to do
  const status = shareStatus(report)
  const badge = Array.from(status).length * 24 + 28
  ctx.setFillStyle(STATUS_COLOURS[report.status] ?? '#c8161d')
  ctx.fillRect(20, 342, badge, 40)
  ctx.setFillStyle('#ffffff')
  fontSize(ctx, 24)
  ctx.fillText(status, 34, 371)
  ctx.setFillStyle('#555555')
  fontSize(ctx, 18)
  ctx.fillText('点开查看办理进展', 40 + badge, 369)
}

/** The card image of a shareable case (null: none), drawn once its photos are loaded. */
export function useShareCard(report: Report | null, villageName: string) {
  const photos = useCardPhotos(report)
  const place = report ? placeOf(report, villageName) : ''
  const draw = useCallback((ctx: Taro.CanvasContext) => {
    if (report && photos) drawCard(ctx, report, place, photos)
  }, [report, photos, place])
  return useCanvasImage(CARD, W, H, Boolean(report && photos), draw)
}

/** The canvas the card is drawn on (out of sight). */
export function ShareCanvas() {
  return <Canvas canvasId={CARD} id={CARD} className='share-card__canvas' style={{ width: `${W}px`, height: `${H}px` }} />
}

type WebShare = Navigator & { share?: (data: { title?: string; text?: string; url?: string }) => Promise<void> }

/**
 * 分享: in WeChat the share button (the page answers the card); in a browser the system share sheet
 * where there is one, else the link copied and the card shown to save.
 */
export const SharePanel = observer(function SharePanel({ message, image }: { message: ShareMessage; image: string }) {
  const [shown, setShown] = useState(false)
  const share = async () => {
    const url = shareUrl(window.location.origin, window.location.pathname, message.path)
    const nav = navigator as WebShare
    if (typeof nav.share === 'function') {
      try {
        await nav.share({ title: message.title, text: message.title, url })
        void Taro.showToast({ title: '已分享', icon: 'none', duration: 1500 })
        return
      } catch (e) {
        if ((e as { name?: string })?.name === 'AbortError') return // the user closed the sheet
      }
    }
    try {
      await Taro.setClipboardData({ data: url })
      setShown(true)
      void Taro.showToast({ title: '链接已复制，可保存下方分享卡片', icon: 'none', duration: 2000 })
    } catch (e) {
      setShown(true)
      toastError(e)
    }
  }
  return (
    <View className='report-section report-detail__share'>
      <Text className='report-section__title'>分享</Text>
      <View className='report-section__body'>
        <Text className='report-section__hint'>让邻居们看到问题和办理进展</Text>
        {isWeApp ? (
          <Button type='primary' openType='share'>分享给微信好友</Button>
        ) : (
          <Button type='primary' onClick={() => void share()}>分享</Button>
        )}
        {!isWeApp && shown && (
          <View className='share-card' role='group' aria-label='分享卡片'>
            <Text className='report-section__hint'>链接已复制，可粘贴发给邻居；也可长按图片保存分享卡片</Text>
            {image ? (
              <>
                <Image className='share-card__image' src={image} mode='widthFix' aria-label={`分享卡片：${message.title}`} nativeProps={{ alt: `分享卡片：${message.title}` }} />
                <Button onClick={() => void shareImage(image, `随手拍分享卡片.png`).catch(toastError)}>下载分享卡片</Button>
              </>
            ) : (
              <Text className='report-section__hint'>正在生成分享卡片…</Text>
            )}
          </View>
        )}
      </View>
    </View>
  )
})
