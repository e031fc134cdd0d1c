import { useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { STARS, STAR_NAMES } from '../../../types/names'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { ChipGroup } from '../../components/ChipGroup'
import { Toggle } from '../../components/Toggle'
import { toastError } from '../../services/feedback'
import './index.scss'
import { useStarAdmin } from '../../stores/village'

/** Admin: award or withdraw the five 五星支部 stars of each village, town by town, in board order. */
function StarAdminPage() {
  const { regions, session } = useStore()
  const starAdmin = useStarAdmin()
  useEffect(() => {
    if (!session.signedIn) return
    void regions.load().then(() => starAdmin.load(starAdmin.townId || regions.towns[0]?.id || '')).catch(toastError)
  }, [session.signedIn, regions, starAdmin])

  return (
    <PageShell
      loading={!starAdmin.loaded && !starAdmin.error}
      error={starAdmin.loaded ? null : starAdmin.error}
      empty={starAdmin.loaded && starAdmin.rows.length === 0}
      emptyText='这个镇街还没有村居'
      onRefresh={() => starAdmin.load()}
      className='stars'
    >
      {!session.isAdmin && <View className='stars__note'>只有管理员可以授予或撤销星级。</View>}
      <View className='stars__scope'>
        <ChipGroup label='镇街' options={regions.towns.map((t) => ({ value: t.id, label: t.name }))} value={starAdmin.townId} onChange={starAdmin.setTown} />
        {starAdmin.period && <Text className='stars__hint'>按 {starAdmin.period} 排名排列</Text>}
      </View>
      <View className='stars__list' role='list' aria-label='村居星级'>
        {starAdmin.rows.map((r) => (
          <View key={r.villageId} className={`stars__village stars__village--${r.villageId}`} role='listitem'>
            <View className='stars__head'>
              <Text className='stars__name'>{r.rank ?? '—'}. {r.villageName}</Text>
              <Text className='stars__count' aria-label={`${r.stars.length} 星`}>{'★'.repeat(r.stars.length)}{'☆'.repeat(STARS.length - r.stars.length)}</Text>
            </View>
            <View className='stars__grid'>
              {STARS.map((s) => (
                <View key={s} className='stars__star'>
                  <Text className='stars__star-name'>{STAR_NAMES[s]}</Text>
                  <Toggle
                    label={`${r.villageName} ${STAR_NAMES[s]}`}
                    checked={r.stars.includes(s)}
                    onChange={(on) => {
                      if (!session.isAdmin || starAdmin.isPending(r.villageId, s)) return
                      void starAdmin.toggle(r.villageId, s, on).catch(toastError)
                    }}
                  />
                </View>
              ))}
            </View>
          </View>
        ))}
      </View>
    </PageShell>
  )
}

export default observer(StarAdminPage)
