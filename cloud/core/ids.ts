import crypto from 'node:crypto'

/** A new random id: 20 lowercase base-32 characters, sortable only by chance. */
export function newId(): string {
  return crypto.randomBytes(13).toString('base64url').replace(/[-_]/g, 'x').slice(0, 20).toLowerCase()
}
