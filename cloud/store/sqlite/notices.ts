import type { NoticeRepo, StoredAreaFollow, StoredConsent, StoredPost } from '../../core/notices/ports'
import type { Db } from './db'
import type { Exec } from './lock'

interface Row { openid: string; template_id: string; kind: 'once' | 'long'; status: 'accepted' | 'rejected'; credits: number; updated_at: number }

interface PostRow { id: string; unit_id: string; kind: string; content: string; created_at: number; next_at: number; attempts: number; sent_at: number | null }
// the row mappers, also read by `npm run export:cloudbase`
export const toPost = (r: PostRow): StoredPost => ({ id: r.id, unitId: r.unit_id, kind: r.kind, content: r.content, createdAt: new Date(r.created_at), nextAt: new Date(r.next_at), attempts: r.attempts, sentAt: r.sent_at === null ? null : new Date(r.sent_at) })
interface ChannelRow { unit_id: string; webhook_key: string; updated_at: number }
export const toChannel = (r: ChannelRow) => ({ unitId: r.unit_id, webhookKey: r.webhook_key, updatedAt: new Date(r.updated_at) })

interface AreaRow { id: string; openid: string; latitude: number; longitude: number; radius: number; categories: string; created_at: number; cells: string | null }
export const toArea = (r: AreaRow): StoredAreaFollow => ({
  id: r.id, openid: r.openid, latitude: r.latitude, longitude: r.longitude, radius: r.radius, categories: JSON.parse(r.categories) as string[],
  cells: r.cells ? r.cells.split(',') : [], createdAt: new Date(r.created_at)
})
const AREA_SELECT = "SELECT a.*, (SELECT group_concat(cell) FROM area_follow_cells c WHERE c.follow_id = a.id) AS cells FROM area_follows a"
export const toConsent = (r: Row): StoredConsent => ({ openid: r.openid, templateId: r.template_id, kind: r.kind, status: r.status, credits: r.credits, updatedAt: new Date(r.updated_at) })

/** Consents to subscribe messages (migration 027). */
export function sqliteNotices(db: Db, exec: Exec): NoticeRepo {
  const mine = db.prepare<[string], Row>('SELECT * FROM notice_consents WHERE openid = ?')
  const one = db.prepare<[string, string], Row>('SELECT * FROM notice_consents WHERE openid = ? AND template_id = ?')
  const accept = db.prepare(
    `INSERT INTO notice_consents (openid, template_id, kind, status, credits, updated_at) VALUES (@openid, @templateId, @kind, 'accepted', @credits, @at)
     ON CONFLICT (openid, template_id) DO UPDATE SET kind = excluded.kind, status = 'accepted', updated_at = excluded.updated_at,
       credits = CASE WHEN excluded.kind = 'once' THEN (CASE WHEN status = 'accepted' AND kind = 'once' THEN credits ELSE 0 END) + 1 ELSE 0 END`
  )
  const refuse = db.prepare(
    `INSERT INTO notice_consents (openid, template_id, kind, status, credits, updated_at) VALUES (@openid, @templateId, @kind, 'rejected', 0, @at)
     ON CONFLICT (openid, template_id) DO UPDATE SET kind = excluded.kind, status = 'rejected', credits = 0, updated_at = excluded.updated_at`
  )
  const take = db.prepare("UPDATE notice_consents SET credits = credits - 1 WHERE openid = ? AND template_id = ? AND status = 'accepted' AND credits > 0")
  const giveBack = db.prepare("UPDATE notice_consents SET credits = credits + 1 WHERE openid = ? AND template_id = ? AND status = 'accepted' AND kind = 'once'")
  const refusedByWeChat = db.prepare("UPDATE notice_consents SET status = 'rejected', credits = 0, updated_at = ? WHERE openid = ? AND template_id = ?")
  const removeAll = db.prepare('DELETE FROM notice_consents WHERE openid = ?')
  const removeMutes = db.prepare('DELETE FROM notice_mutes WHERE openid = ?')
  const mute = db.prepare('INSERT INTO notice_mutes (openid, topic) VALUES (?, ?) ON CONFLICT DO NOTHING')
  const unmute = db.prepare('DELETE FROM notice_mutes WHERE openid = ? AND topic = ?')
  const removeFollows = db.prepare('DELETE FROM village_follows WHERE openid = ?')
  const followed = db.prepare<[string], string>('SELECT village_id FROM village_follows WHERE openid = ?').pluck()
  const follow = db.prepare('INSERT INTO village_follows (openid, village_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
  const unfollow = db.prepare('DELETE FROM village_follows WHERE openid = ? AND village_id = ?')
  const followers = db.prepare<{ village: string; openid: string; limit: number }, { village_id: string; openid: string }>(
    'SELECT village_id, openid FROM village_follows WHERE (village_id, openid) > (@village, @openid) ORDER BY village_id, openid LIMIT @limit'
  )
  const areasOf = db.prepare<[string], AreaRow>(`${AREA_SELECT} WHERE a.openid = ? ORDER BY a.created_at, a.id`)
  const insertArea = db.prepare('INSERT INTO area_follows (id, openid, latitude, longitude, radius, categories, created_at) VALUES (@id, @openid, @latitude, @longitude, @radius, @categories, @createdAt)')
  const insertCell = db.prepare('INSERT INTO area_follow_cells (cell, follow_id) VALUES (?, ?) ON CONFLICT DO NOTHING')
  const removeArea = db.prepare('DELETE FROM area_follows WHERE openid = ? AND id = ?')
  const removeAreas = db.prepare('DELETE FROM area_follows WHERE openid = ?')
  const inCell = db.prepare<[string, number], AreaRow>(`${AREA_SELECT} WHERE a.id IN (SELECT follow_id FROM area_follow_cells WHERE cell = ?) LIMIT ?`)
  const allChannels = db.prepare<[], ChannelRow>('SELECT * FROM unit_channels')
  const putChannel = db.prepare('INSERT INTO unit_channels (unit_id, webhook_key, updated_at) VALUES (?, ?, ?) ON CONFLICT (unit_id) DO UPDATE SET webhook_key = excluded.webhook_key, updated_at = excluded.updated_at')
  const dropChannel = db.prepare('DELETE FROM unit_channels WHERE unit_id = ?')
  const insertPost = db.prepare('INSERT INTO webhook_posts (id, unit_id, kind, content, created_at, next_at, attempts, sent_at) VALUES (@id, @unitId, @kind, @content, @createdAt, @nextAt, @attempts, NULL) ON CONFLICT (id) DO NOTHING')
  const due = db.prepare<[number, number, number], PostRow>('SELECT * FROM webhook_posts WHERE sent_at IS NULL AND next_at <= ? AND created_at >= ? ORDER BY next_at, created_at LIMIT ?')
  const claim = db.prepare('UPDATE webhook_posts SET next_at = ? WHERE id = ? AND sent_at IS NULL AND next_at <= ?')
  const sent = db.prepare('UPDATE webhook_posts SET sent_at = ?, attempts = attempts + 1 WHERE id = ?')
  const failed = db.prepare('UPDATE webhook_posts SET attempts = ?, next_at = ? WHERE id = ? AND sent_at IS NULL')
  const sentSince = db.prepare<[string, number], number>('SELECT COUNT(*) FROM webhook_posts WHERE unit_id = ? AND sent_at >= ?').pluck()
  return {
    consents: (openid) => exec(() => mine.all(openid).map(toConsent)),
    consentsOf: (keys) => exec(() => keys.flatMap((k) => {
      const row = one.get(k.openid, k.templateId)
      return row ? [toConsent(row)] : []
    })),
    recordConsent: (openid, templateId, kind, accepted, at) => exec(() => {
      const values = { openid, templateId, kind, credits: kind === 'once' ? 1 : 0, at: at.getTime() }
      if (accepted) accept.run(values)
      else refuse.run(values)
    }),
    takeCredit: (openid, templateId) => exec(() => take.run(openid, templateId).changes === 1),
    returnCredit: (openid, templateId) => exec(() => void giveBack.run(openid, templateId)),
    refused: (openid, templateId, at) => exec(() => void refusedByWeChat.run(at.getTime(), openid, templateId)),
    removeAll: (openid) => exec(() => {
      removeAll.run(openid)
      removeMutes.run(openid)
      removeFollows.run(openid)
      removeAreas.run(openid)
    }),
    mutesOf: (openids) => exec(() => {
      const unique = [...new Set(openids)]
      const out = new Map<string, string[]>()
      if (!unique.length) return out
      const rows = db.prepare<string[], { openid: string; topic: string }>(`SELECT openid, topic FROM notice_mutes WHERE openid IN (${unique.map(() => '?').join(', ')})`).all(...unique)
      for (const r of rows) out.set(r.openid, [...(out.get(r.openid) ?? []), r.topic])
      return out
    }),
    setMute: (openid, topic, muted) => exec(() => void (muted ? mute.run(openid, topic) : unmute.run(openid, topic))),
    villagesFollowed: (openid) => exec(() => followed.all(openid)),
    setVillageFollow: (openid, villageId, on, at) => exec(() => void (on ? follow.run(openid, villageId, at.getTime()) : unfollow.run(openid, villageId))),
    villageFollowers: (after, limit) => exec(() => followers.all({ village: after?.villageId ?? '', openid: after?.openid ?? '', limit }).map((r) => ({ villageId: r.village_id, openid: r.openid }))),
    areasOf: (openid) => exec(() => areasOf.all(openid).map(toArea)),
    addArea: (a) => exec(() => db.transaction(() => {
      insertArea.run({ ...a, categories: JSON.stringify(a.categories), createdAt: a.createdAt.getTime() })
      for (const cell of a.cells) insertCell.run(cell, a.id)
    })()),
    removeArea: (openid, id) => exec(() => removeArea.run(openid, id).changes === 1),
    areasInCell: (cell, limit) => exec(() => inCell.all(cell, limit).map(toArea)),
    channels: () => exec(() => allChannels.all().map(toChannel)),
    channelsOf: (unitIds) => exec(() => allChannels.all().filter((c) => unitIds.includes(c.unit_id)).map(toChannel)),
    setChannel: (unitId, key, at) => exec(() => void (key === null ? dropChannel.run(unitId) : putChannel.run(unitId, key, at.getTime()))),
    insertPost: (p) => exec(() => void insertPost.run({ ...p, createdAt: p.createdAt.getTime(), nextAt: p.nextAt.getTime() })),
    duePosts: (from, now, limit) => exec(() => due.all(now.getTime(), from.getTime(), limit).map(toPost)),
    claimPost: (id, now, until) => exec(() => claim.run(until.getTime(), id, now.getTime()).changes === 1),
    postSent: (id, at) => exec(() => void sent.run(at.getTime(), id)),
    postFailed: (id, attempts, nextAt) => exec(() => void failed.run(attempts, nextAt.getTime(), id)),
    sentSince: (unitId, since) => exec(() => sentSince.get(unitId, since.getTime()) ?? 0)
  }
}
