/** The Open311 part of the store port (see cloud/core/ports.ts). */

/** A partner system's API key: only a hash of the key is kept (the key is shown once). */
export interface StoredOpen311Key {
  /** Also the key's prefix (`<id>.<secret>`): a key is found by id, one read. */
  id: string
  /** sha256 of the whole key, hex. */
  hash: string
  partner: string
  /** The partner's own reporter (`open311:<id>`): never answered to anyone. */
  openid: string
  createdAt: Date
  /** The admin who made it, by name. */
  createdBy: string
  revokedAt: Date | null
  lastUsedAt: Date | null
  /** The district lets this partner's status changes resolve its cases (issue 27); false by default. */
  statusChanges: boolean
}

export interface Open311Repo {
  getKey(id: string): Promise<StoredOpen311Key | null>
  putKey(key: StoredOpen311Key): Promise<void>
  /** Marks the key revoked at `at` (by id). */
  revokeKey(id: string, at: Date): Promise<void>
  /** Allows or stops the key's status changes (by id). */
  setStatusChanges(id: string, allowed: boolean): Promise<void>
  /** Notes when a key was last used (by id; at most once a minute is enough). */
  touchKey(id: string, at: Date): Promise<void>
  /** Every key, newest first, at most `limit` (an admin's list: partner systems are few). */
  listKeys(limit: number): Promise<StoredOpen311Key[]>
}
