import { useEffect, useState } from 'react'
import Taro, { useReady } from '@tarojs/taro'
import { isWeApp } from '../services/platform'

/**
 * Draws on the canvas `canvasId` (width × height) once `ready`, and answers the picture as a file
 * path (WeChat) or data URL (H5), or the failure. Used for the 飞虎榜 poster and the certificate.
 */
export function useCanvasImage(canvasId: string, width: number, height: number, ready: boolean, draw: (ctx: Taro.CanvasContext) => Promise<void> | void) {
  const [image, setImage] = useState('')
  const [error, setError] = useState<unknown>(null)
  // The canvas context binds to the current page's canvas, so draw only once the page is ready.
  const [pageReady, setPageReady] = useState(false)
  useReady(() => setPageReady(true))
  useEffect(() => {
    if (!ready || !pageReady) return
    let cancelled = false
    let done = false
    let tries = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    // Canvas drawing can fail or never call back while the page is still attaching its canvas:
    // try up to three times before showing the failure.
    const attempt = async (): Promise<void> => {
      tries++
      const again = (e: unknown) => {
        if (cancelled || done) return
        if (tries < 3) timer = setTimeout(() => void attempt(), 800)
        else setError(e)
      }
      timer = setTimeout(() => again(new Error('canvas draw timed out')), 2500)
      try {
        const ctx = Taro.createCanvasContext(canvasId)
        await draw(ctx)
        // H5's draw answers a promise that rejects while the canvas element is not attached yet.
        const drawn = ctx.draw(false, async () => {
          try {
            const { tempFilePath } = await Taro.canvasToTempFilePath({ canvasId, width, height, destWidth: width * 2, destHeight: height * 2 })
            if (cancelled || done) return
            done = true
            clearTimeout(timer)
            setImage(tempFilePath)
          } catch (e) {
            clearTimeout(timer)
            again(e)
          }
        }) as unknown
        if (drawn instanceof Promise) {
          drawn.catch((e: unknown) => {
            clearTimeout(timer)
            again(e)
          })
        }
      } catch (e) {
        clearTimeout(timer)
        again(e)
      }
    }
    void attempt()
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [canvasId, width, height, ready, pageReady, draw])
  return { image, error }
}

/** Shares or saves a drawn image: WeChat's share-image menu, a download in H5. */
export async function shareImage(path: string, filename: string): Promise<void> {
  if (isWeApp) {
    await Taro.showShareImageMenu({ path })
    return
  }
  const a = document.createElement('a')
  a.href = path
  a.download = filename
  a.click()
}

/**
 * Sets the font size for the texts drawn after it. Taro's H5 canvas applies `setFontSize` at once
 * instead of queueing it with the drawing, so every text would come out at the last size set;
 * there the change is queued with the drawing actions (WeChat's canvas queues it itself).
 */
export function fontSize(ctx: Taro.CanvasContext, size: number): void {
  const h5 = ctx as unknown as { enqueueActions?: (action: () => void) => void; ctx?: CanvasRenderingContext2D }
  if (typeof h5.enqueueActions === 'function' && h5.ctx) {
    h5.enqueueActions(() => {
      h5.ctx!.font = h5.ctx!.font.replace(/\d+(\.\d+)?px/, `${size}px`)
    })
  } else {
    ctx.setFontSize(size)
  }
}
