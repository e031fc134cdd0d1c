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
  /** 账号注销. */
  removeAll(openid: string): Promise<void>
}
