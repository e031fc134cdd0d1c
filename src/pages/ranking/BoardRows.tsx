import { View, Text } from '@tarojs/components'
import type { BoardRow } from '../../../types/ranking'

/** ↑3 / ↓2 / — : the change of rank since the previous month. */
export function change(row: BoardRow): { text: string; label: string; className: string } {
  if (row.rank === null || row.previousRank === null) return { text: '—', label: '无上月排名', className: '' }
  const d = row.previousRank - row.rank
  if (d > 0) return { text: `↑${d}`, label: `上升 ${d} 名`, className: 'board__up' }
  if (d < 0) return { text: `↓${-d}`, label: `下降 ${-d} 名`, className: 'board__down' }
  return { text: '持平', label: '名次持平', className: '' }
}

interface Props {
  rows: BoardRow[]
  mine: string | null
  onOpen: (villageId: string) => void
}

/** The ranked villages, the reader's own highlighted; the unevaluated after, without rank. */
export function BoardRows({ rows, mine, onOpen }: Props) {
  return (
    <View className='board' role='list' aria-label='村居排名'>
      {rows.map((r) => {
        const c = change(r)
        return (
          <View
            key={r.villageId}
            className={`board__row ${r.villageId === mine ? 'board__row--mine' : ''}`}
            role='listitem'
            aria-label={`${r.rank === null ? '未测评' : `第 ${r.rank} 名`} ${r.villageName}${r.villageId === mine ? '（我的村）' : ''}`}
            onClick={() => onOpen(r.villageId)}
          >
            <Text className='board__rank'>{r.rank ?? '—'}</Text>
            <View className='board__who'>
              <Text className='board__name'>{r.villageName}{r.villageId === mine ? '（我的村）' : ''}</Text>
              <Text className='board__town'>{r.townName}{r.stars.length ? ` · ${'★'.repeat(r.stars.length)}` : ''}</Text>
            </View>
            <Text className='board__score'>{r.score ?? '未测评'}</Text>
            <Text className={`board__change ${c.className}`} aria-label={c.label}>{c.text}</Text>
          </View>
        )
      })}
    </View>
  )
}
