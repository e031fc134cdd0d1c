import type Taro from '@tarojs/taro'
import { makeAutoObservable, observable } from 'mobx'
import { PRIVACY_POLICY_VERSION } from '../privacy'

/** WeChat's answer function for one privacy API call waiting on the user. */
export type PrivacyResolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void

/** H5: where the accepted policy version is kept. */
export interface ConsentStorage {
  get(): string | null
  set(version: string): void
}

/**
 * Consent to the privacy policy (隐私保护指引).
 * - WeChat: the platform asks through `onNeedPrivacyAuthorization` when a privacy API (location,
 *   photos …) is first called; the pages' popup shows while `asking`, and the user's answer is
 *   handed back to every waiting call.
 * - H5 (`consent` given): the policy must be accepted once per version before the app is used.
 */
export class PrivacyStore {
  /** WeChat: the answer functions of the calls waiting for the user. */
  waiting: PrivacyResolve[] = []
  /** H5: the version this browser accepted. */
  acceptedVersion: string | null
  /** H5: the user declined; the modal stays with a note. */
  declined = false
  /** The full guide is on screen: the H5 modal steps aside while it is read. */
  readingGuide = false

  constructor(private readonly consent: ConsentStorage | null) {
    this.acceptedVersion = consent?.get() ?? null
    makeAutoObservable<this, 'consent'>(this, { waiting: observable.shallow, consent: false }, { autoBind: true })
  }

  /** WeChat: the popup is up. */
  get asking(): boolean {
    return this.waiting.length > 0
  }

  /** H5: this browser has not accepted the current policy. */
  get mustAccept(): boolean {
    return this.consent !== null && this.acceptedVersion !== PRIVACY_POLICY_VERSION
  }

  /** H5: the modal is shown (it is hidden while the full guide is open). */
  get gateOpen(): boolean {
    return this.mustAccept && !this.readingGuide
  }

  /** WeChat asks: show the popup and tell WeChat that it is shown. */
  request(resolve: PrivacyResolve): void {
    this.waiting.push(resolve)
    resolve({ event: 'exposureAuthorization' })
  }

  /** WeChat: agreed with the agreePrivacyAuthorization button `buttonId`, or declined. */
  answer(agreed: boolean, buttonId?: string): void {
    const waiting = this.waiting
    this.waiting = []
    for (const resolve of waiting) resolve(agreed ? { event: 'agree', buttonId } : { event: 'disagree' })
  }

  /** H5: 同意并继续. */
  accept(): void {
    this.consent?.set(PRIVACY_POLICY_VERSION)
    this.acceptedVersion = PRIVACY_POLICY_VERSION
    this.declined = false
  }

  /** H5: 不同意. */
  decline(): void {
    this.declined = true
  }

  setReadingGuide(on: boolean): void {
    this.readingGuide = on
  }
}
