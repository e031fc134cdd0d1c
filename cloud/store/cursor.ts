/**
 * Keyset cursors of lists ordered by a time, newest first, then by id: `<ms>:<id>` of the last
 * item answered (ids may hold ':'). Shared by both adapters; opaque to everyone else.
 */
export function parseCursor(cursor: string | undefined): { at: number; id: string } | null {
  if (!cursor) return null
  const i = cursor.indexOf(':')
  const at = Number(cursor.slice(0, i))
  return i > 0 && Number.isFinite(at) ? { at, id: cursor.slice(i + 1) } : null
}

export const cursorOf = (at: number, id: string) => `${at}:${id}`
