import { makeAutoObservable, runInAction } from 'mobx'
import type { User } from '../../types/user'
import { setUploader, type CloudClient } from '../services/cloud'
import { ROLE_NAMES } from '../../types/names'

export type SessionState = 'unknown' | 'signedOut' | 'signedIn'

/** Local sign-in: exchanges an openid for a signed token (H5 only). */
export type LocalSignIn = (openid: string) => Promise<{ token: string; refreshToken?: string; user: User }>

export interface TokenStore {
  get(): string | null
  set(token: string, refreshToken?: string): void
  clear(): void
}

/** Who is using the app, and their profile. */
export class SessionStore {
  user: User | null = null
  state: SessionState = 'unknown'

  constructor(
    private readonly client: CloudClient,
    private readonly tokens: TokenStore | null,
    private readonly localSignIn: LocalSignIn | null
  ) {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  get signedIn(): boolean {
    return this.state === 'signedIn' && this.user !== null
  }

  get roleName(): string {
    return this.user ? ROLE_NAMES[this.user.role] : ''
  }

  get isStaff(): boolean {
    return this.user?.role === 'staff' || this.user?.role === 'admin'
  }

  get isAdmin(): boolean {
    return this.user?.role === 'admin'
  }

  /** Volunteer hours, one decimal. */
  get hours(): string {
    return ((this.user?.volunteerMinutes ?? 0) / 60).toFixed(1)
  }

  /**
   * Restores the session: in WeChat by `user.login` (identity from the WeChat context); locally
   * from the stored token, if it is still valid.
   */
  async restore(): Promise<void> {
    if (this.tokens && !this.tokens.get()) {
      runInAction(() => (this.state = 'signedOut'))
      return
    }
    try {
      const user = await this.client.call('user', 'login', {})
      setUploader(user.openid)
      runInAction(() => {
        this.user = user
        this.state = 'signedIn'
      })
    } catch (error) {
      this.tokens?.clear()
      runInAction(() => {
        this.user = null
        this.state = 'signedOut'
      })
      if (!this.tokens) throw error
    }
  }

  /** Local mode: sign in as any openid (the demo identities or a new one). */
  async signInAs(openid: string): Promise<void> {
    // (never in WeChat: the platform test written out lets the weapp build drop the rest)
    if (process.env.TARO_ENV === 'weapp' || !this.localSignIn || !this.tokens) throw new Error('local sign-in is not available')
    const { token, refreshToken, user } = await this.localSignIn(openid)
    this.tokens.set(token, refreshToken)
    setUploader(user.openid)
    runInAction(() => {
      this.user = user
      this.state = 'signedIn'
    })
  }

  signOut(): void {
    this.tokens?.clear()
    this.user = null
    this.state = 'signedOut'
  }

  async refresh(): Promise<void> {
    const user = await this.client.call('user', 'me', {})
    runInAction(() => (this.user = user))
  }

  async updateProfile(patch: { nickname?: string; villageId?: string; elderMode?: boolean; realName?: string }): Promise<void> {
    const user = await this.client.call('user', 'updateProfile', patch)
    runInAction(() => (this.user = user))
  }
}
