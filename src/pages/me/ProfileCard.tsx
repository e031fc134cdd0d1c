import { View, Text } from '@tarojs/components'
import { Avatar, Tag } from '../../components/ui'

interface Props {
  nickname: string
  roleName: string
  unitName: string
  villageName: string
}

/** The head of 我的: who the user is, their role and their village. */
export function ProfileCard({ nickname, roleName, unitName, villageName }: Props) {
  return (
    <View className='me__card'>
      <Avatar background='#fff' color='#c8161d'>{nickname.slice(0, 1)}</Avatar>
      <View className='me__who'>
        <Text className='me__nickname'>{nickname}</Text>
        <View className='me__tags'>
          <Tag background='#ffffff' color='#a31218'>{roleName}</Tag>
          {unitName && <Tag background='#ffffff' color='#a31218'>{unitName}</Tag>}
        </View>
        <Text className='me__village'>{villageName || '未设置所在村居'}</Text>
      </View>
    </View>
  )
}
