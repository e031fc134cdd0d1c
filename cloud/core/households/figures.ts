import type { Deps } from '../context'

/** Award entries read for a village (lists and withdrawals of every year). */
export const ENTRIES = 500

/**
 * A village's award figures (the village page, the ranking's figures): its households, and its
 * current lists — the latest published year of each configured kind, withdrawals left out. Two reads.
 */
export async function villageAwardFigures(deps: Pick<Deps, 'store' | 'config'>, villageId: string) {
  const [households, entries] = await Promise.all([deps.store.households.getHouseholds(villageId), deps.store.households.entriesOf(villageId, ENTRIES)])
  const withdrawn = new Set(entries.filter((e) => e.type === 'withdrawal').map((e) => `${e.kind}:${e.year}:${e.householdId}`))
  const lists = deps.config.householdAwards.flatMap((k) => {
    const latest = entries.filter((e) => e.type === 'list' && e.kind === k.kind).sort((a, b) => b.year.localeCompare(a.year))[0]
    if (!latest) return []
    return [{ kind: k, entry: latest, items: latest.items.filter((i) => !withdrawn.has(`${k.kind}:${latest.year}:${i.householdId}`)) }]
  })
  const awarded = new Set(lists.flatMap((l) => l.items.map((i) => i.householdId))).size
  return { households: households?.items.length ?? 0, awarded, lists }
}

