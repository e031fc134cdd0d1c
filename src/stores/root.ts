import { createContext, useContext } from 'react'
import type { CloudClient } from '../services/cloud'
import { SessionStore, type LocalSignIn, type TokenStore } from './session'
import { RegionStore } from './regions'
import { UiStore } from './ui'
import { PrivacyStore, type ConsentStorage } from './privacy'
import { UnitStore } from './units'
import { MessageStore } from './messages'
import { ReportDraftStore } from './reportDraft'
import { CaseStore, ReportListStore } from './reports'
import { RankingStore, StarAdminStore, VillageStore } from './ranking'
import { VolunteerStore } from './volunteer'
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

/** Every store of the app, built once around one cloud client (tests pass their own). */
export class RootStore {
  readonly client: CloudClient
  readonly session: SessionStore
  readonly regions: RegionStore
  readonly units: UnitStore
  readonly messages: MessageStore
  readonly reportDraft: ReportDraftStore
  readonly myReports: ReportListStore
  readonly queue: ReportListStore
  readonly currentCase: CaseStore
  /** 随手拍 tab: the month's figures and 身边的随手拍. */
  readonly feed: FeedStore
  readonly ranking: RankingStore
  readonly village: VillageStore
  readonly starAdmin: StarAdminStore
  readonly volunteer: VolunteerStore
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
    this.reportDraft = new ReportDraftStore(opts.client)
    this.ranking = new RankingStore(opts.client)
    this.village = new VillageStore(opts.client)
    this.starAdmin = new StarAdminStore(opts.client)
    this.volunteer = new VolunteerStore(opts.client)
    this.myReports = new ReportListStore(opts.client, 'mine')
    this.queue = new ReportListStore(opts.client, 'queue')
    this.feed = new FeedStore(opts.client, () => this.session.user?.villageId ?? null, currentPosition)
    this.currentCase = new CaseStore(opts.client, (r) => {
      this.feed.replace(r)
      this.myReports.replace(r)
      this.queue.replace(r)
      void this.session.refresh().catch(() => undefined)
    })
  }
}

export const StoreContext = createContext<RootStore | null>(null)

export function useStore(): RootStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useStore must be used inside <StoreContext.Provider>')
  return store
}
