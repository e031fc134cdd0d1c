import Taro from '@tarojs/taro'
import type { ApiError, Envelope, ErrorCode } from '../../types/common'
import type { ActionName, FunctionName, InputOf, ResultOf } from '../../types/contract'

/** A failed call: the envelope's error as a typed exception. */
export class CloudError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  constructor(error: ApiError) {
    super(error.message)
    this.name = 'CloudError'
    this.code = error.code
    this.field = error.field
  }
}

/** The one place an envelope becomes a result or a typed error. */
export function unwrap<T>(envelope: Envelope<T> | undefined | null): T {
  if (!envelope || typeof envelope !== 'object') throw new CloudError({ code: 'INTERNAL', message: '服务器没有应答，请稍后再试' })
  if (envelope.ok) return envelope.data
  throw new CloudError(envelope.error)
}

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

/** WeChat: `Taro.cloud.callFunction`; identity comes from the WeChat context on the server. */
export function createWeChatClient(env: string | undefined): CloudClient {
  Taro.cloud.init({ env: env || undefined, traceUser: true })
  return {
    async call(fn, action, data) {
      try {
        const res = await Taro.cloud.callFunction({ name: fn, data: { action, data } as never })
        return unwrap(res.result as Envelope<never>)
      } catch (error) {
        if (error instanceof CloudError) throw error
        throw new CloudError({ code: 'INTERNAL', message: '网络不给力，请稍后再试' })
      }
    },
    upload(filePath, onProgress) {
      const ext = filePath.slice(filePath.lastIndexOf('.') + 1).toLowerCase() || 'jpg'
      const cloudPath = `uploads/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${ext}`
      return new Promise((resolve, reject) => {
        const task = Taro.cloud.uploadFile({
          cloudPath,
          filePath,
          success: (res) => resolve(res.fileID),
          fail: () => reject(new CloudError({ code: 'INTERNAL', message: '图片上传失败，请重试' }))
        }) as unknown as { onProgressUpdate?: (cb: (p: { progress: number }) => void) => void }
        task?.onProgressUpdate?.((p) => onProgress?.(p.progress))
      })
    },
    fileUrl: (fileId) => fileId
  }
}

/** Local (H5): `fetch` to the local server with the signed token. */
export function createHttpClient(baseUrl: string, getToken: () => string | null): CloudClient {
  const headers = (): Record<string, string> => {
    const token = getToken()
    return token ? { authorization: `Bearer ${token}` } : {}
  }
  return {
    async call(fn, action, data) {
      let envelope: Envelope<never>
      try {
        const res = await fetch(`${baseUrl}/api/${fn}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers() },
          body: JSON.stringify({ action, data })
        })
        envelope = (await res.json()) as Envelope<never>
      } catch {
        throw new CloudError({ code: 'INTERNAL', message: '网络不给力，请稍后再试' })
      }
      return unwrap(envelope)
    },
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

/** Local login (local mode only): answers the token and the user. */
export async function localLogin(baseUrl: string, openid: string) {
  let envelope: Envelope<{ token: string; user: ResultOf<'user', 'me'> }>
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
