import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Config } from '../../cloud/core/config'
import { tinyJpeg } from './images'
import { createLocalCloud, type LocalCloudOptions, type StoreKind } from '../../cloud/server/root'

export interface Answer<T = any> {
  status: number
  body: { ok: true; data: T } | { ok: false; error: { code: string; message: string; field?: string } }
}

/** A real local cloud on a random port over a fresh temporary data directory. */
export async function startCloud(opts: { config?: Partial<Config>; clock?: () => Date; h5Dir?: string; dataDir?: string; demoActivity?: boolean; store?: StoreKind; demo?: boolean; requestTimeoutMs?: number; loginsPerMinute?: number } & Pick<LocalCloudOptions, 'open311ReadsPerMinute' | 'push' | 'wecomWebhookBase' | 'wechatLogin' | 'admins' | 'allowedHosts' | 'tokenTtl' | 'adminDir' | 'seed' | 'publicBaseUrl' | 'emulator'> = {}) {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'civic-test-'))
  // the local image check answers at once unless a test asks for it to wait
  const cloud = await createLocalCloud({ dataDir, config: { localMediaCheckDelayMs: 0, ...opts.config }, clock: opts.clock, h5Dir: opts.h5Dir, sweepEveryMs: 0, demoActivity: opts.demoActivity, store: opts.store, demo: opts.demo ?? true, requestTimeoutMs: opts.requestTimeoutMs, loginsPerMinute: opts.loginsPerMinute ?? 100_000, open311ReadsPerMinute: opts.open311ReadsPerMinute ?? 100_000, wechatLogin: opts.wechatLogin ?? null, admins: opts.admins ?? [], allowedHosts: opts.allowedHosts, adminDir: opts.adminDir, seed: opts.seed, publicBaseUrl: opts.publicBaseUrl, emulator: opts.emulator, push: opts.push, wecomWebhookBase: opts.wecomWebhookBase ?? 'http://127.0.0.1:9', // no test posts to WeCom itself
    // tests move their clocks by days: tokens outlive them unless a test is about tokens
    tokenTtl: opts.tokenTtl ?? { access: 400 * 86400, refresh: 800 * 86400 } })
  const url = await cloud.app.listen({ port: 0, host: '127.0.0.1' })

  async function post<T = any>(route: string, body: unknown, token?: string, raw = false): Promise<Answer<T>> {
    const res = await fetch(`${url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: raw ? (body as string) : JSON.stringify(body)
    })
    return { status: res.status, body: await res.json() }
  }

  async function login(openid: string): Promise<string> {
    const answer = await post<{ token: string }>('/api/login', { openid })
    if (!answer.body.ok) throw new Error(`login failed: ${JSON.stringify(answer.body)}`)
    return answer.body.data.token
  }

  /** Calls `fn.action` as the given token and answers status and envelope. */
  function call<T = any>(token: string | undefined, fn: string, action: string, data: unknown = {}) {
    return post<T>(`/api/${fn}`, { action, data }, token)
  }

  /** Calls and expects success; answers the data. */
  async function ok<T = any>(token: string | undefined, fn: string, action: string, data: unknown = {}): Promise<T> {
    const answer = await call<T>(token, fn, action, data)
    if (!answer.body.ok) throw new Error(`${fn}.${action} failed: ${JSON.stringify(answer.body)}`)
    return answer.body.data
  }

  /** Uploads bytes as an image of the given type; answers the file id. */
  async function upload(token: string, bytes: Uint8Array<ArrayBuffer>, type = 'image/jpeg'): Promise<string> {
    const form = new FormData()
    form.append('file', new Blob([bytes], { type }), 'photo.jpg')
    const res = await fetch(`${url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
    const body = (await res.json()) as { ok: boolean; data: { fileId: string } }
    if (!body.ok) throw new Error(`upload failed: ${JSON.stringify(body)}`)
    return body.data.fileId
  }

  /** One photo of the token's own (a case may show only its caller's uploads), uploaded once per token. */
  const photos = new Map<string, Promise<string>>()
  const photoOf = (token: string): Promise<string> => {
    if (!photos.has(token)) photos.set(token, upload(token, tinyJpeg()))
    return photos.get(token)!
  }

  return {
    url,
    upload,
    photoOf,
    dataDir,
    deps: cloud.deps,
    store: cloud.store,
    files: cloud.files,
    /** The store this cloud runs on (STORE, else sqlite) and, on cloudbase, its emulated database server. */
    storeKind: cloud.storeKind,
    emulator: cloud.emulator,
    post,
    login,
    call,
    ok,
    close: async () => {
      await cloud.app.close()
    }
  }
}

export type TestCloud = Awaited<ReturnType<typeof startCloud>>
