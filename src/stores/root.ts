import { createContext, useContext } from 'react'
import type { CloudClient } from '../services/cloud'
import { SessionStore, type LocalSignIn, type TokenStore } from './session'
import { RegionStore } from './regions'
import { UiStore } from './ui'
import { PrivacyStore, type ConsentStorage } from './privacy'
import { UnitStore } from './units'
import { MessageStore } from './messages'
import { ReportCategoryStore } from './reportCategories'
import { RankingStore } from './ranking'
import { VolunteerListStore } from './volunteerList'
import { FeedStore } from './feed'
import { currentPosition } from '../services/location'

export interface RootStoreOptions {
  client: CloudClient
  /** Local mode only: where the token lives and how to sign in. Null in WeChat. */
  tokens?: TokenStore | null
  localSignIn?: LocalSignIn | null
  /** H5 only: where the accepted privacy policy version is kept. Null in WeChat (the platform asks). */
  privacyConsent?: ConsentStorage | null
}

/**
 * Every store of the app, built once around one cloud client (tests pass their own). Only the
 * stores the tab pages and app.tsx use are built here: the stores only subpackage pages use (the
 * report draft, the open case, 我的上报, a village's page, 五星支部 …) live in modules of those
 * subpackages and are built there on first use (`lazy`, e.g. `useReportDraft` in
 * stores/reportDraft.ts), which keeps their code out of the mini-program's main package (issue 23).
 */
export class RootStore {
  readonly client: CloudClient
  readonly session: SessionStore
  readonly regions: RegionStore
  readonly units: UnitStore
  readonly messages: MessageStore
  /** The report categories and whether a report draft waits (the 随手拍 tab's notice); the draft itself: useReportDraft. */
  readonly reportCategories: ReportCategoryStore
  /** 随手拍 tab: the month's figures and 身边的随手拍. */
  readonly feed: FeedStore
  readonly ranking: RankingStore
  /** 志愿 tab: the drives' list; a drive, my drives, the leaderboard …: useVolunteer. */
  readonly volunteer: VolunteerListStore
  readonly ui: UiStore
  readonly privacy: PrivacyStore

  constructor(opts: RootStoreOptions) {
    this.client = opts.client
    this.session = new SessionStore(opts.client, opts.tokens ?? null, opts.localSignIn ?? null)
    this.regions = new RegionStore(opts.client)
    this.ui = new UiStore(this.session)
    this.privacy = new PrivacyStore(opts.privacyConsent ?? null)
    this.units = new UnitStore(opts.client)
    this.messages = new MessageStore(opts.client)
    this.reportCategories = new ReportCategoryStore(opts.client)
    this.ranking = new RankingStore(opts.client)
    this.volunteer = new VolunteerListStore(opts.client)
    this.feed = new FeedStore(opts.client, () => this.session.user?.villageId ?? null, currentPosition)
  }

  private readonly built = new Map<string, unknown>()

  /**
   * The store named `key`, built by `make` on its first use and the same one from then on. Keyed by
   * name, not by the module that builds it: Taro copies a module several subpackages use into each
   * of them, and every copy must find the one store.
   */
  lazy<T>(key: string, make: (root: RootStore) => T): T {
    if (!this.built.has(key)) this.built.set(key, make(this))
    return this.built.get(key) as T
  }

  /** The store named `key` if a page has built it already (nothing to update otherwise). */
  peek<T>(key: string): T | undefined {
    return this.built.get(key) as T | undefined
  }
}

export const StoreContext = createContext<RootStore | null>(null)

export function useStore(): RootStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useStore must be used inside <StoreContext.Provider>')
  return store
}
