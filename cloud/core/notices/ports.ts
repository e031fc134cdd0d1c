/**
 * What the district records about who hears what (issue 25): each user's consent to each
 * subscribe-message template, from their answers in the app and from WeChat's refusals.
 */
export interface StoredConsent {
  openid: string
  templateId: string
  kind: 'once' | 'long'
  status: 'accepted' | 'rejected'
  /** One-time templates: pushes left (each accepted tap adds one, each push takes one). Long-term: 0, unused. */
  credits: number
  updatedAt: Date
}

/** A unit's 企业微信 群机器人 (issue 25): only the webhook's key, a secret never answered back whole. */
export interface StoredChannel {
  unitId: string
  webhookKey: string
  updatedAt: Date
}

/**
 * One post to a unit's group robot, in the outbox: recorded in the transaction of the change it
 * tells of, sent after commit, retried after a failure (`nextAt`), never sent twice at once (a
 * sender claims it by moving `nextAt` past the attempt first).
 */
export interface StoredPost {
  id: string
  unitId: string
  kind: string
  /** The markdown content (≤ 4096 bytes). */
  content: string
  createdAt: Date
  nextAt: Date
  attempts: number
  sentAt: Date | null
}

/** A resident following a village (issue 25: its weekly summary). */
export interface VillageFollow { villageId: string; openid: string }

/** A resident following an area (issue 25): a circle with categories ([] = every category). */
export interface StoredAreaFollow {
  id: string
  openid: string
  latitude: number
  longitude: number
  /** Metres, at most 2,000. */
  radius: number
  categories: string[]
  /** The coarse grid cells (`notices/areas.ts` cellsOf) its box touches: how it is found. */
  cells: string[]
  createdAt: Date
}

export interface NoticeRepo {
  /** The user's consents, any order. */
  consents(openid: string): Promise<StoredConsent[]>
  /** The consents of these (user, template) pairs that exist: one read however many. */
  consentsOf(keys: { openid: string; templateId: string }[]): Promise<StoredConsent[]>
  /**
   * Records one answer: accepted — a one-time template gains a push (added to what is left), a
   * long-term one is on; refused — nothing more is pushed with it (credits 0).
   */
  recordConsent(openid: string, templateId: string, kind: 'once' | 'long', accepted: boolean, at: Date): Promise<void>
  /** Takes one push of a one-time consent while any is left (a conditional update); answers whether it did. */
  takeCredit(openid: string, templateId: string): Promise<boolean>
  /** Gives back a push taken for a send that failed before WeChat answered. */
  returnCredit(openid: string, templateId: string): Promise<void>
  /** WeChat refused a push (43101: the user has no subscription left, or turned it off): refused until they agree again. */
  refused(openid: string, templateId: string, at: Date): Promise<void>
  /** 账号注销: the consents, mutes and follows. */
  removeAll(openid: string): Promise<void>
  /** 消息设置: the topics each of these users muted (absent: none). One read. */
  mutesOf(openids: string[]): Promise<Map<string, string[]>>
  setMute(openid: string, topic: string, muted: boolean): Promise<void>

  /** The villages this user follows (a few: one read), any order. */
  villagesFollowed(openid: string): Promise<string[]>
  /** Follows (on) or stops following a village. */
  setVillageFollow(openid: string, villageId: string, on: boolean, at: Date): Promise<void>
  /**
   * Every (village, follower), ordered by village then openid, after the keyset `after` (null: from
   * the start), at most `limit`: one indexed query a page (the weekly summaries).
   */
  villageFollowers(after: VillageFollow | null, limit: number): Promise<VillageFollow[]>
  /** The areas this user follows (a few: one read), oldest first. */
  areasOf(openid: string): Promise<StoredAreaFollow[]>
  addArea(area: StoredAreaFollow): Promise<void>
  /** Removes one of the user's areas; answers whether there was one. */
  removeArea(openid: string, id: string): Promise<boolean>
  /** The areas whose cells include `cell`, at most `limit`: one indexed query (the caller checks the distance). */
  areasInCell(cell: string, limit: number): Promise<StoredAreaFollow[]>

  /** Every unit's channel (a few dozen units: one read). */
  channels(): Promise<StoredChannel[]>
  /** The channels of these units that have one (one read). */
  channelsOf(unitIds: string[]): Promise<StoredChannel[]>
  /** Sets (a key) or removes (null) a unit's group robot. */
  setChannel(unitId: string, webhookKey: string | null, at: Date): Promise<void>
  /** Records a post (by id: inside a transaction too). */
  insertPost(post: StoredPost): Promise<void>
  /** Posts not sent whose `nextAt` has come, made after `from`, oldest first. */
  duePosts(from: Date, now: Date, limit: number): Promise<StoredPost[]>
  /** Claims a due post for one attempt (a conditional update: not sent, `nextAt` ≤ now → `until`); answers whether this caller got it. */
  claimPost(id: string, now: Date, until: Date): Promise<boolean>
  postSent(id: string, at: Date): Promise<void>
  postFailed(id: string, attempts: number, nextAt: Date): Promise<void>
  /** How many posts went to a unit's robot since `since` (its limit is 20 a minute). */
  sentSince(unitId: string, since: Date): Promise<number>
}
