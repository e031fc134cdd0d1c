import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { isWeApp } from '../services/platform'

/**
 * Draws on the canvas `canvasId` (width × height) once `ready`, and answers the picture as a file
 * path (WeChat) or data URL (H5), or the failure. Used for the 飞虎榜 poster and the certificate.
 */
export function useCanvasImage(canvasId: string, width: number, height: number, ready: boolean, draw: (ctx: Taro.CanvasContext) => Promise<void> | void) {
  const [image, setImage] = useState('')
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    if (!ready) return
    let cancelled = false
    void (async () => {
      try {
        const ctx = Taro.createCanvasContext(canvasId)
        await draw(ctx)
        ctx.draw(false, async () => {
          try {
            const { tempFilePath } = await Taro.canvasToTempFilePath({ canvasId, width, height, destWidth: width * 2, destHeight: height * 2 })
            if (!cancelled) setImage(tempFilePath)
          } catch (e) {
            if (!cancelled) setError(e)
          }
        })
      } catch (e) {
        if (!cancelled) setError(e)
      }
    })()
    return () => {
      cancelled = true
    }
  }, [canvasId, width, height, ready, draw])
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
