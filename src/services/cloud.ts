import Taro from '@tarojs/taro'
import type { Envelope } from '../../types/common'
import type { ActionName, FunctionName, InputOf, ResultOf } from '../../types/contract'
import { CloudError, httpCaller, unwrap } from './http'

export { CloudError, unwrap, tokenRenewer, type TokenPairStore } from './http'

export interface UploadProgress {
  (percent: number): void
}

/** The app's only way to the cloud: each action typed from the shared contract. */
export interface CloudClient {
  call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, data: InputOf<F, A>): Promise<ResultOf<F, A>>
  /** Uploads a local image file; answers its file id. */
  upload(filePath: string, onProgress?: UploadProgress): Promise<string>
  /** The URL to show a stored file. */
  fileUrl(fileId: string): string
}

/** The signed-in user's openid, under whose folder photos are uploaded in WeChat (set by the session). */
let uploader: string | null = null
export function setUploader(openid: string | null): void {
  uploader = openid
}

/** WeChat: `Taro.cloud.callFunction`; identity comes from the WeChat context on the server. */
export function createWeChatClient(env: string | undefined): CloudClient {
  Taro.cloud.init({ env: env || undefined, traceUser: true })
  const call: CloudClient['call'] = async (fn, action, data) => {
    try {
      const res = await Taro.cloud.callFunction({ name: fn, data: { action, data } as never })
      return unwrap(res.result as Envelope<never>)
    } catch (error) {
      if (error instanceof CloudError) throw error
      throw new CloudError({ code: 'INTERNAL', message: '网络不给力，请稍后再试' })
    }
  }
  return {
    call,
    async upload(filePath, onProgress) {
      const ext = filePath.slice(filePath.lastIndexOf('.') + 1).toLowerCase() || 'jpg'
      // the raw file goes under the uploader's own folder; report.acceptPhoto re-encodes it (no
      // EXIF reaches a stored photo), keeps it with a thumbnail under photos/ and removes the raw file
      const cloudPath = `uploads/${uploader ?? 'anonymous'}/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${ext}`
      const raw = await new Promise<string>((resolve, reject) => {
        const task = Taro.cloud.uploadFile({
          cloudPath,
          filePath,
          success: (res) => resolve(res.fileID),
          fail: () => reject(new CloudError({ code: 'INTERNAL', message: '图片上传失败，请重试' }))
        }) as unknown as { onProgressUpdate?: (cb: (p: { progress: number }) => void) => void }
        task?.onProgressUpdate?.((p) => onProgress?.(Math.min(p.progress, 95)))
      })
      const { fileId } = await call('report', 'acceptPhoto', { fileId: raw })
      onProgress?.(100)
      return fileId
    },
    fileUrl: (fileId) => fileId
  }
}

/**
 * Local (H5): `fetch` to the local server with the access token; a call answered UNAUTHENTICATED
 * (the two-hour token expired) renews the tokens once and is sent again.
 */
export function createHttpClient(baseUrl: string, getToken: () => string | null, renew?: () => Promise<boolean>): CloudClient {
  const headers = (): Record<string, string> => {
    const token = getToken()
    return token ? { authorization: `Bearer ${token}` } : {}
  }
  return {
    call: httpCaller(baseUrl, getToken, renew),
    upload(filePath, onProgress) {
      return new Promise((resolve, reject) => {
        const task = Taro.uploadFile({
          url: `${baseUrl}/api/upload`,
          filePath,
          name: 'file',
          header: headers(),
          success: (res) => {
            try {
              resolve(unwrap<{ fileId: string }>(JSON.parse(res.data) as Envelope<{ fileId: string }>).fileId)
            } catch (error) {
              reject(error instanceof CloudError ? error : new CloudError({ code: 'INTERNAL', message: '图片上传失败，请重试' }))
            }
          },
          fail: () => reject(new CloudError({ code: 'INTERNAL', message: '图片上传失败，请重试' }))
        })
        task?.progress?.((p) => onProgress?.(p.progress))
      })
    },
    fileUrl: (fileId) => `${baseUrl}/files/${fileId}`
  }
}

/** Local login (demo mode only): answers the tokens and the user. */
export async function localLogin(baseUrl: string, openid: string) {
  let envelope: Envelope<{ token: string; refreshToken: string; expiresIn: number; user: ResultOf<'user', 'me'> }>
  try {
    const res = await fetch(`${baseUrl}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid })
    })
    envelope = await res.json()
  } catch {
    throw new CloudError({ code: 'INTERNAL', message: '网络不给力，请稍后再试' })
  }
  return unwrap(envelope)
}
