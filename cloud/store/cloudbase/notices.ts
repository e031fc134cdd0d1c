import type { NoticeRepo, StoredAreaFollow, StoredConsent, StoredPost } from '../../core/notices/ports'
import { COLLECTIONS as C, getDoc, type Command, type Doc } from './db'
import type { Docs } from './docs'

/** A consent's `_id`, a mute's (`<openid>:<topic>`). */
export const idOf = (openid: string, templateId: string) => `${openid}:${templateId}`
/** The documents as this adapter writes them: also what `npm run export:cloudbase` writes. */
export const consentFields = (c: StoredConsent): Doc => ({ openid: c.openid, templateId: c.templateId, kind: c.kind, status: c.status, credits: c.credits, updatedAt: c.updatedAt.getTime() })
export const muteFields = (openid: string, topic: string): Doc => ({ openid, topic })
export const followFields = (openid: string, villageId: string, at: Date): Doc => ({ openid, villageId, createdAt: at.getTime() })
/** A followed area (`_id` = its id); `cells`: the grid cells it is found by (an array index). */
export const areaFields = (a: StoredAreaFollow): Doc => ({ openid: a.openid, latitude: a.latitude, longitude: a.longitude, radius: a.radius, categories: a.categories, cells: a.cells, createdAt: a.createdAt.getTime() })
const toArea = (d: Doc): StoredAreaFollow => ({
  id: String(d._id), openid: String(d.openid), latitude: Number(d.latitude), longitude: Number(d.longitude), radius: Number(d.radius),
  categories: Array.isArray(d.categories) ? d.categories.map(String) : [], cells: Array.isArray(d.cells) ? d.cells.map(String) : [], createdAt: new Date(Number(d.createdAt))
})
export const channelFields = (webhookKey: string, updatedAt: Date): Doc => ({ webhookKey, updatedAt: updatedAt.getTime() })
/** A post of the outbox (`_id` = its id); `pending` until sent (the due posts' index). */
export const postFields = (p: StoredPost): Doc => {
  const { id, ...rest } = p
  void id
  return { ...rest, createdAt: p.createdAt.getTime(), nextAt: p.nextAt.getTime(), sentAt: p.sentAt === null ? null : p.sentAt.getTime(), pending: p.sentAt === null }
}
const toConsent = (d: Doc): StoredConsent => ({
  openid: String(d.openid), templateId: String(d.templateId), kind: d.kind === 'long' ? 'long' : 'once', status: d.status === 'accepted' ? 'accepted' : 'rejected',
  credits: Number(d.credits ?? 0), updatedAt: new Date(Number(d.updatedAt))
})

const toPost = (d: Doc): StoredPost => ({
  id: String(d._id), unitId: String(d.unitId), kind: String(d.kind), content: String(d.content), createdAt: new Date(Number(d.createdAt)), nextAt: new Date(Number(d.nextAt)),
  attempts: Number(d.attempts ?? 0), sentAt: d.sentAt == null ? null : new Date(Number(d.sentAt))
})
const toChannel = (d: Doc) => ({ unitId: String(d._id), webhookKey: String(d.webhookKey), updatedAt: new Date(Number(d.updatedAt)) })

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
        await ref.set({ data: consentFields({ openid, templateId, kind, status: accepted ? 'accepted' : 'rejected', credits, updatedAt: at }) })
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
    removeAll: async (openid) => {
      await docs.query(C.noticeConsents).where({ openid }).remove()
      await docs.query(C.noticeMutes).where({ openid }).remove()
      await docs.query(C.villageFollows).where({ openid }).remove()
      await docs.query(C.areaFollows).where({ openid }).remove()
    },
    areasOf: async (openid) => (await docs.query(C.areaFollows).where({ openid }).limit(100).get()).data.map(toArea).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)),
    addArea: async (a) => void (await docs.doc(C.areaFollows, a.id).set({ data: areaFields(a) })),
    removeArea: async (openid, id) => ((await docs.query(C.areaFollows).where({ _id: id, openid }).remove()) as { stats?: { removed?: number } }).stats?.removed === 1,
    areasInCell: async (cell, limit) => (await docs.query(C.areaFollows).where({ cells: cell }).limit(limit).get()).data.map(toArea),
    // followed villages: one document per (user, village), `<openid>:<village id>`
    villagesFollowed: async (openid) => (await docs.query(C.villageFollows).where({ openid }).limit(1000).get()).data.map((d) => String(d.villageId)),
    setVillageFollow: async (openid, villageId, on, at) => {
      const ref = docs.doc(C.villageFollows, idOf(openid, villageId))
      if (on) await ref.set({ data: followFields(openid, villageId, at) })
      else await ref.remove()
    },
    villageFollowers: async (after, limit) => {
      // keyset on (villageId, openid): the rest of `after`'s village, then the villages after it
      const where = after ? _.or([{ villageId: after.villageId, openid: _.gt(after.openid) }, { villageId: _.gt(after.villageId) }]) : {}
      const { data } = await docs.query(C.villageFollows).where(where).orderBy('villageId', 'asc').orderBy('openid', 'asc').limit(limit).get()
      return data.map((d) => ({ villageId: String(d.villageId), openid: String(d.openid) }))
    },
    // 消息设置: one document per muted (user, topic), `<openid>:<topic>`
    mutesOf: async (openids) => {
      const unique = [...new Set(openids)]
      const out = new Map<string, string[]>()
      if (!unique.length) return out
      const { data } = await docs.query(C.noticeMutes).where({ openid: _.in(unique) }).limit(1000).get()
      for (const d of data) out.set(String(d.openid), [...(out.get(String(d.openid)) ?? []), String(d.topic)])
      return out
    },
    setMute: async (openid, topic, muted) => {
      const ref = docs.doc(C.noticeMutes, idOf(openid, topic))
      if (muted) await ref.set({ data: muteFields(openid, topic) })
      else await ref.remove()
    },
    // units' group robots: one document per unit (`_id` = unit id); the outbox of posts: one per post
    channels: async () => (await docs.query(C.unitChannels).limit(1000).get()).data.map(toChannel),
    channelsOf: async (unitIds) => (unitIds.length ? (await docs.query(C.unitChannels).where({ _id: _.in(unitIds) }).limit(unitIds.length).get()).data.map(toChannel) : []),
    setChannel: async (unitId, key, at) => {
      const ref = docs.doc(C.unitChannels, unitId)
      if (key === null) await ref.remove()
      else await ref.set({ data: channelFields(key, at) })
    },
    insertPost: async (p) => void (await docs.doc(C.webhookPosts, p.id).set({ data: postFields({ ...p, sentAt: null }) })),
    duePosts: async (from, now, limit) =>
      (await docs.query(C.webhookPosts).where({ pending: true, nextAt: _.lte(now.getTime()), createdAt: _.gte(from.getTime()) }).orderBy('nextAt', 'asc').limit(limit).get()).data.map(toPost),
    claimPost: async (id, now, until) => {
      const { stats } = await docs.query(C.webhookPosts).where({ _id: id, pending: true, nextAt: _.lte(now.getTime()) }).update({ data: { nextAt: until.getTime() } })
      return stats.updated === 1
    },
    postSent: async (id, at) => void (await docs.query(C.webhookPosts).where({ _id: id }).update({ data: { sentAt: at.getTime(), pending: false, attempts: _.inc(1) } })),
    postFailed: async (id, attempts, nextAt) => void (await docs.query(C.webhookPosts).where({ _id: id, pending: true }).update({ data: { attempts, nextAt: nextAt.getTime() } })),
    sentSince: async (unitId, since) => (await docs.query(C.webhookPosts).where({ unitId, sentAt: _.gte(since.getTime()) }).count()).total
  }
}
