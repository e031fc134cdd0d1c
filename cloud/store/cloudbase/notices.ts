import type { NoticeRepo, StoredConsent } from '../../core/notices/ports'
import { COLLECTIONS as C, getDoc, type Command, type Doc } from './db'
import type { Docs } from './docs'

const idOf = (openid: string, templateId: string) => `${openid}:${templateId}`
const toConsent = (d: Doc): StoredConsent => ({
  openid: String(d.openid), templateId: String(d.templateId), kind: d.kind === 'long' ? 'long' : 'once', status: d.status === 'accepted' ? 'accepted' : 'rejected',
  credits: Number(d.credits ?? 0), updatedAt: new Date(Number(d.updatedAt))
})

/**
 * Consents to subscribe messages: one document per user and template (`<openid>:<template id>`).
 * Reads: one query (a user's, or the pairs a batch of messages needs); a push's credit is taken
 * by one conditional update, an answer recorded in one transaction on its document.
 */
export function cloudbaseNotices(docs: Docs, _: Command): NoticeRepo {
  return {
    consents: async (openid) => (await docs.query(C.noticeConsents).where({ openid }).limit(100).get()).data.map(toConsent),
    consentsOf: async (keys) => {
      const ids = [...new Set(keys.map((k) => idOf(k.openid, k.templateId)))]
      if (!ids.length) return []
      return (await docs.query(C.noticeConsents).where({ _id: _.in(ids) }).limit(ids.length).get()).data.map(toConsent)
    },
    recordConsent: (openid, templateId, kind, accepted, at) =>
      docs.withTransaction(async (d) => {
        const ref = d.doc(C.noticeConsents, idOf(openid, templateId))
        const before = await getDoc(ref)
        const kept = before && before.status === 'accepted' && before.kind === 'once' && kind === 'once' ? Number(before.credits ?? 0) : 0
        const credits = accepted && kind === 'once' ? kept + 1 : 0
        await ref.set({ data: { openid, templateId, kind, status: accepted ? 'accepted' : 'rejected', credits, updatedAt: at.getTime() } })
      }),
    takeCredit: async (openid, templateId) => {
      const { stats } = await docs.query(C.noticeConsents).where({ _id: idOf(openid, templateId), status: 'accepted', credits: _.gt(0) }).update({ data: { credits: _.inc(-1) } })
      return stats.updated === 1
    },
    returnCredit: async (openid, templateId) => {
      await docs.query(C.noticeConsents).where({ _id: idOf(openid, templateId), status: 'accepted', kind: 'once' }).update({ data: { credits: _.inc(1) } })
    },
    refused: async (openid, templateId, at) => {
      await docs.query(C.noticeConsents).where({ _id: idOf(openid, templateId) }).update({ data: { status: 'rejected', credits: 0, updatedAt: at.getTime() } })
    },
    removeAll: async (openid) => void (await docs.query(C.noticeConsents).where({ openid }).remove())
  }
}
