import type { NoticeRepo, StoredConsent } from '../../core/notices/ports'
import type { Db } from './db'
import type { Exec } from './lock'

interface Row { openid: string; template_id: string; kind: 'once' | 'long'; status: 'accepted' | 'rejected'; credits: number; updated_at: number }

const toConsent = (r: Row): StoredConsent => ({ openid: r.openid, templateId: r.template_id, kind: r.kind, status: r.status, credits: r.credits, updatedAt: new Date(r.updated_at) })

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
    removeAll: (openid) => exec(() => void removeAll.run(openid))
  }
}
