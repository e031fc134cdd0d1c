import type { User } from '../../types/user'
import type { Config } from './config'
import type { Store, StoredMessage } from './ports'

/** Text moderation: a word list locally, `security.msgSecCheck` in WeChat. */
export interface ContentCheck {
  /** Answers false when the text must be rejected. */
  isAcceptable(text: string, openid: string): Promise<boolean>
}

/** Pushes a stored message outside the app: a WeChat subscribe message where the user agreed; nothing locally. */
export interface Push {
  send(message: StoredMessage): Promise<void>
}

/**
 * Photos a case or a resolution refers to: they must be files the caller uploaded (local: the
 * file store's owner records; WeChat: cloud files under the caller's own `uploads/<openid>/`).
 */
export interface Photos {
  /** Whether every id is a file that `openid` uploaded. */
  ownedBy(fileIds: string[], openid: string): Promise<boolean>
  /** Marks files as used by a case (unused uploads are removed after a day). */
  markUsed(fileIds: string[]): Promise<void>
}

/** Everything a use case may touch, bound once per environment in a composition root. */
export interface Deps {
  store: Store
  config: Config
  clock: () => Date
  contentCheck: ContentCheck
  push: Push
  photos: Photos
  log: (message: string, detail?: unknown) => void
}

/** One call: the dependencies and the caller, already authenticated. */
export interface Ctx extends Deps {
  user: User
}
