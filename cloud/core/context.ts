import type { User } from '../../types/user'
import type { Config, NoticeTemplateConfig } from './config'
import type { Store, StoredMessage } from './ports'

/** Text moderation: a word list locally, `security.msgSecCheck` in WeChat. */
export interface ContentCheck {
  /** Answers false when the text must be rejected. */
  isAcceptable(text: string, openid: string): Promise<boolean>
}

/**
 * Pushes a stored message outside the app with a template the user agreed to (the core decides
 * which and whether: `messages.ts` `publish`): a WeChat subscribe message; nothing locally.
 * Answers `sent`, `refused` (WeChat will not deliver it: 43101, no subscription left or turned
 * off) or `invalid` (WeChat will never take it: a bad template or field — logged, not retried);
 * throws when it may succeed later (the outbox tries again).
 */
export interface Push {
  send(message: StoredMessage, template: NoticeTemplateConfig): Promise<'sent' | 'refused' | 'invalid'>
}

/**
 * Photos a case or a resolution refers to. Every photo is re-encoded with a thumbnail when it
 * arrives (cloud/adapters/images.ts), and has an owner record: a case may only show files the
 * caller uploaded, a user's uploads are limited in bytes a day, and uploads no case took up are
 * removed after a day. Local: the file store (`POST /api/upload`). WeChat: the app uploads the
 * raw file under `uploads/<openid>/` and hands it to `report.acceptPhoto`, which stores the
 * re-encoded photo under `photos/` (no openid in its id) with a record in `uploads`.
 */
export interface Photos {
  /**
   * Takes photos up for a case: answers whether every id is a photo `openid` uploaded (and not
   * swept), marking them used so the sweep of unused uploads keeps them.
   */
  claim(fileIds: string[], openid: string): Promise<boolean>
  /** WeChat: re-encodes the caller's raw upload into a stored photo and answers its id. */
  accept(rawFileId: string, openid: string): Promise<string>
  /** Removes uploads older than a day that no case uses; answers how many. */
  sweepUnused(): Promise<number>
  /**
   * Stores an image the server fetched for `owner` (an Open311 partner's `media_url`): re-encoded
   * as every upload (at most `maxPixels`), recorded as `owner`'s unused upload; answers its id.
   * Not an image, or too many pixels: INVALID_INPUT. (Absent in test doubles: partners' links stay links.)
   */
  store?(bytes: Buffer, owner: string, limits: { maxPixels: number }): Promise<string>
}

/**
 * Fetches a partner's photo (`media_url`): one GET, no redirects, an image content type, at most
 * `maxBytes` read, within `timeoutMs`; throws an Error saying why otherwise.
 */
export interface MediaFetch {
  get(url: string, limits: { maxBytes: number; timeoutMs: number }): Promise<Buffer>
}

/**
 * The content check of photos before a case is public (issue 13). `submit` asks for the check of a
 * case's unchecked photos; each verdict comes back through `report/moderation.ts`
 * `photoChecked`: in WeChat as the `wxa_media_check` event of `security.mediaCheckAsync` (cloud
 * function `mediaCheck`), locally from a fingerprint list in the deadline sweep.
 */
export interface MediaCheck {
  submit(report: { id: string; openid: string; photos: string[] }): Promise<void>
}

/**
 * Posts to a 企业微信 群机器人 (issue 25): `POST <base>/cgi-bin/webhook/send?key=<key>` with the
 * JSON body; answers WeCom's `{ errcode, errmsg }` (0: posted); throws when no answer came.
 */
export interface WebhookClient {
  post(key: string, body: unknown): Promise<{ errcode: number; errmsg: string }>
}

/** Everything a use case may touch, bound once per environment in a composition root. */
export interface Deps {
  store: Store
  config: Config
  clock: () => Date
  contentCheck: ContentCheck
  push: Push
  photos: Photos
  mediaCheck: MediaCheck
  /** The units' group robots (none: their posts wait in the outbox). */
  webhook?: WebhookClient
  /** Fetching Open311 partners' photos (none: their links stay links). */
  mediaFetch?: MediaFetch
  log: (message: string, detail?: unknown) => void
}

/** One call: the dependencies and the caller, already authenticated. */
export interface Ctx extends Deps {
  user: User
}
