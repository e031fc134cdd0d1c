import Taro from '@tarojs/taro'
import { View, Image, Text } from '@tarojs/components'
import { Button, Progress } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { DraftPhoto } from '../stores/reportDraft'
import type { CloudClient } from '../services/cloud'
import { isWeApp } from '../services/platform'
import { toastError } from '../services/feedback'
import './PhotoPicker.scss'

/** Camera or album, compressed before upload (sizeType compressed; compressImage in WeChat). */
export async function pickPhotos(count: number): Promise<string[]> {
  const { tempFilePaths } = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  if (!isWeApp) return tempFilePaths
  return Promise.all(tempFilePaths.map(async (src) => (await Taro.compressImage({ src, quality: 70 })).tempFilePath))
}

interface Props {
  photos: DraftPhoto[]
  max?: number
  onAdd: (paths: string[]) => void
  onRetry: (localPath: string) => void
  onRemove: (localPath: string) => void
}

/** Up to 9 photos, each with its upload progress and a retry when it failed. */
export const PhotoPicker = observer(function PhotoPicker({ photos, max = 9, onAdd, onRetry, onRemove }: Props) {
  const add = async () => {
    try {
      onAdd(await pickPhotos(max - photos.length))
    } catch (error) {
      if (!/cancel/i.test(String((error as { errMsg?: string })?.errMsg ?? error))) toastError(error)
    }
  }
  return (
    <View className='photo-picker'>
      {photos.map((p, i) => (
        <View key={p.localPath} className='photo-picker__item'>
          <Image className='photo-picker__image' src={p.localPath} mode='aspectFill' aria-label={`照片 ${i + 1}`} nativeProps={{ alt: `照片 ${i + 1}` }} />
          {!p.fileId && !p.failed && <Progress percent={p.progress} aria-label={`照片 ${i + 1} 上传进度`} />}
          {p.failed && <Button size='small' type='primary' onClick={() => onRetry(p.localPath)}>重试</Button>}
          {p.fileId && <Text className='photo-picker__done'>已上传</Text>}
          <Button size='small' className='photo-picker__remove' aria-label={`删除照片 ${i + 1}`} onClick={() => onRemove(p.localPath)}>删除</Button>
        </View>
      ))}
      {photos.length < max && (
        <View className='photo-picker__add' role='button' aria-label={`拍照/相册（${photos.length}/${max}）：添加照片`} onClick={() => void add()}>
          <Text className='photo-picker__plus' aria-hidden>＋</Text>
          <Text>拍照/相册（{photos.length}/{max}）</Text>
        </View>
      )}
    </View>
  )
})

/** The photos of one form and their uploads (progress, retry, remove): what a PhotoPicker needs, and the ids uploaded. */
export function usePhotoUploads(client: Pick<CloudClient, 'upload'>) {
  const [photos, setPhotos] = useState<DraftPhoto[]>([])
  const upload = async (localPath: string) => {
    const set = (patch: Partial<DraftPhoto>) => setPhotos((all) => all.map((p) => (p.localPath === localPath ? { ...p, ...patch } : p)))
    set({ failed: false, progress: 0 })
    try {
      const fileId = await client.upload(localPath, (progress) => set({ progress }))
      set({ fileId, progress: 100 })
    } catch {
      set({ failed: true })
    }
  }
  return {
    photos,
    uploaded: photos.filter((p) => p.fileId).map((p) => p.fileId!),
    onAdd: (paths: string[]) => {
      setPhotos((all) => [...all, ...paths.map((localPath) => ({ localPath, fileId: null, progress: 0, failed: false }))])
      paths.forEach((p) => void upload(p))
    },
    onRetry: (localPath: string) => void upload(localPath),
    onRemove: (localPath: string) => setPhotos((all) => all.filter((x) => x.localPath !== localPath))
  }
}
