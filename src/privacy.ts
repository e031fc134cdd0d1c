/**
 * The privacy policy (隐私保护指引) the app shows: its version and where the H5 build remembers
 * that it was accepted. No imports: the browser tests read these to mark the policy accepted.
 *
 * Change the version whenever the policy changes what is collected or why: every H5 user is asked
 * again. (In WeChat the platform keeps the consent; a changed guide in the mp backend asks again.)
 */
export const PRIVACY_POLICY_VERSION = '2026-12-01'

/** Taro storage key of the accepted version (H5). */
export const PRIVACY_STORAGE_KEY = 'civic.privacy'
