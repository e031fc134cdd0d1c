import { useState, type ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Btn as Button } from './ui'
import { observer } from 'mobx-react-lite'
import { useStore } from '../stores/root'
import { openPrivacyGuide } from '../services/privacy'
import './PrivacyPrompt.scss'

/** What is collected and why, in brief; the full text is the privacy page (sub-user/privacy). */
const SUMMARY: [string, string][] = [
  ['位置', '标注上报问题的地点、查找附近的同类问题，志愿活动签到'],
  ['照片', '作为上报和整改的凭证，上传时去除拍摄地点等信息'],
  ['昵称和所在村居', '显示在排行榜上，供工作人员办理'],
  ['真实姓名', '只用于志愿服务证明'],
  ['上报记录、志愿报名与时长、消息', '用于办理、存档和通知']
]

/** Ids unique across the pages WeChat keeps alive (Taro routes events by element id). */
let instances = 0
const useUniqueId = (prefix: string) => useState(() => `${prefix}-${++instances}`)[0]

interface DialogProps {
  className: string
  /** The agree button: WeChat's agreePrivacyAuthorization button, or the H5 one. */
  agree: ReactNode
  onDisagree: () => void
  note?: string
}

/** The policy summary with 查看完整指引, 不同意 and the agree button, as a bottom sheet over the app. */
export function PrivacyDialog({ className, agree, onDisagree, note }: DialogProps) {
  const titleId = useUniqueId('privacy-title')
  return (
    <View className={`privacy-prompt ${className}`}>
      <View className='privacy-prompt__sheet' role='dialog' aria-modal='true' aria-labelledby={titleId}>
        <View id={titleId} className='privacy-prompt__title' role='heading' aria-level={2}>隐私保护指引</View>
        <View className='privacy-prompt__body'>
          <Text className='privacy-prompt__text'>文明家园由区文明办运营。为了办理您的上报和志愿服务，我们会收集：</Text>
          <View role='list' className='privacy-prompt__list'>
            {SUMMARY.map(([what, why]) => (
              <View role='listitem' key={what} className='privacy-prompt__item'>
                <Text className='privacy-prompt__what'>{what}：</Text>
                <Text>{why}</Text>
              </View>
            ))}
          </View>
          <Text className='privacy-prompt__text'>上报可以选择匿名。您可以随时查看、更正自己的信息或注销账号。</Text>
        </View>
        <Button className='privacy-prompt__link' fill='none' onClick={openPrivacyGuide}>查看完整指引</Button>
        {note && <View className='privacy-prompt__note' role='alert'>{note}</View>}
        <View className='privacy-prompt__actions'>
          <Button className='privacy-prompt__button' onClick={onDisagree}>不同意</Button>
          {agree}
        </View>
      </View>
    </View>
  )
}

/**
 * WeChat: the popup of `onNeedPrivacyAuthorization`, in every page frame (a mini-program shows
 * nothing outside its pages). 同意 is WeChat's agreePrivacyAuthorization button; the answer goes
 * to every privacy call that waits on it.
 */
export const PrivacyPopup = observer(function PrivacyPopup() {
  const { privacy, ui } = useStore()
  const agreeId = useUniqueId('privacy-agree')
  if (!privacy.asking) return null
  return (
    <PrivacyDialog
      className={`privacy-popup ${ui.pageClass}`}
      onDisagree={() => privacy.answer(false)}
      agree={
        <Button
          id={agreeId}
          className='privacy-prompt__button'
          type='primary'
          openType='agreePrivacyAuthorization'
          onAgreePrivacyAuthorization={() => privacy.answer(true, agreeId)}
        >
          同意并继续
        </Button>
      }
    />
  )
})
