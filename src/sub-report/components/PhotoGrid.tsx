import Taro from '@tarojs/taro'
import { View, Image } from '@tarojs/components'
import { useStore } from '../../stores/root'
import './report.scss'

/** Photos of a case; tap to view large. */
export function PhotoGrid({ photos, label }: { photos: string[]; label: string }) {
  const { client } = useStore()
  const urls = photos.map((p) => client.fileUrl(p))
  if (!urls.length) return null
  return (
    <View className='photo-grid'>
      {urls.map((url, i) => (
        <Image
          key={url}
          className='photo-grid__item'
          src={url}
          mode='aspectFill'
          aria-label={`${label} ${i + 1}`}
          nativeProps={{ alt: `${label} ${i + 1}` }}
          onClick={() => void Taro.previewImage({ urls, current: url })}
        />
      ))}
    </View>
  )
}
