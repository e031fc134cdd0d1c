import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { districtTime } from '../../services/time'
import { PageShell } from '../../components/PageShell'
import { toastError } from '../../services/feedback'
import './index.scss'
import { useInbox } from '../../stores/inbox'

/** 站内消息: newest first; opening the page marks them read. */
function MessagesPage() {
  const messages = useInbox()

  useEffect(() => {
    void messages.load().then(() => messages.markAllRead()).catch(toastError)
  }, [messages])

  return (
    <PageShell
      loading={messages.loading && messages.items.length === 0}
      error={messages.items.length === 0 ? messages.error : null}
      empty={!messages.loading && messages.items.length === 0}
      emptyText='暂无消息'
      onRefresh={() => messages.load()}
      className='messages'
    >
      <CellGroup>
        {messages.items.map((m) => (
          <Cell
            key={m.id}
            className={`messages__item ${m.read ? '' : 'messages__item--unread'}`}
            title={m.title}
            description={m.body}
            extra={<Text className='messages__time'>{districtTime(m.createdAt, 'MM-DD HH:mm')}</Text>}
            clickable={!!m.link}
            onClick={() => m.link && void Taro.navigateTo({ url: m.link })}
          />
        ))}
      </CellGroup>
      {messages.hasMore && (
        <View className='messages__more'>
          <Button block loading={messages.loading} onClick={() => void messages.load(true)}>加载更多</Button>
        </View>
      )}
    </PageShell>
  )
}

export default observer(MessagesPage)
