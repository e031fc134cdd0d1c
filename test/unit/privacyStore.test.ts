import { PrivacyStore, type ConsentStorage, type PrivacyResolve } from '../../src/stores/privacy'
import { PRIVACY_POLICY_VERSION } from '../../src/privacy'

/** Consent in the WeChat flow (onNeedPrivacyAuthorization) and the H5 one (a stored version). */
const memoryConsent = (initial: string | null = null): ConsentStorage & { value: string | null } => ({
  value: initial,
  get() {
    return this.value
  },
  set(version) {
    this.value = version
  }
})

describe('in WeChat', () => {
  it('a privacy request shows the popup and tells WeChat it is shown; 同意 answers every waiting call with the button', () => {
    const privacy = new PrivacyStore(null)
    const answers: unknown[][] = [[], []]
    const resolvers: PrivacyResolve[] = answers.map((a) => (option) => a.push(option))
    expect(privacy.asking).toBe(false)
    privacy.request(resolvers[0]!)
    privacy.request(resolvers[1]!)
    expect(privacy.asking).toBe(true)
    privacy.answer(true, 'privacy-agree-3')
    expect(privacy.asking).toBe(false)
    for (const a of answers) expect(a).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree-3' }])
  })

  it('不同意 answers disagree and closes the popup; the H5 modal never shows', () => {
    const privacy = new PrivacyStore(null)
    const answers: unknown[] = []
    privacy.request((option) => answers.push(option))
    privacy.answer(false)
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }])
    expect(privacy.asking).toBe(false)
    expect(privacy.mustAccept).toBe(false)
    expect(privacy.gateOpen).toBe(false)
  })
})

describe('in H5', () => {
  it('the modal shows until the current version is accepted, and accepting stores that version', () => {
    const consent = memoryConsent()
    const privacy = new PrivacyStore(consent)
    expect(privacy.gateOpen).toBe(true)
    privacy.decline()
    expect(privacy.declined).toBe(true)
    expect(privacy.gateOpen).toBe(true)
    privacy.accept()
    expect(privacy.gateOpen).toBe(false)
    expect(privacy.declined).toBe(false)
    expect(consent.value).toBe(PRIVACY_POLICY_VERSION)
    expect(new PrivacyStore(consent).gateOpen).toBe(false)
  })

  it('an older accepted version asks again; the modal steps aside while the guide is read', () => {
    const privacy = new PrivacyStore(memoryConsent('2020-01-01'))
    expect(privacy.mustAccept).toBe(true)
    privacy.setReadingGuide(true)
    expect(privacy.gateOpen).toBe(false)
    privacy.setReadingGuide(false)
    expect(privacy.gateOpen).toBe(true)
  })
})
