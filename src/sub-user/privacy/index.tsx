import { useEffect } from 'react'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { useStore } from '../../stores/root'
import { PageShell } from '../../components/PageShell'
import { PRIVACY_POLICY_VERSION } from '../../privacy'
import { route } from '../../routes'
import { OPERATOR_IS_DEMO, POLICY } from './policy'
import './index.scss'

/**
 * 隐私保护指引: the full text. Open without signing in (the H5 policy modal links here and steps
 * aside while it is read); a signed-in user's 长辈模式 applies.
 */
function PrivacyPage() {
  const { session, privacy } = useStore()

  useEffect(() => {
    if (session.state === 'unknown') void session.restore().catch(() => undefined)
  }, [session])
  useDidShow(() => privacy.setReadingGuide(true))
  useDidHide(() => privacy.setReadingGuide(false))
  useEffect(() => () => privacy.setReadingGuide(false), [privacy])

  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.reLaunch({ url: route.report })
  }

  return (
    <PageShell requireSignIn={false} className='privacy'>
      <View className='privacy__head'>
        <View className='privacy__title' role='heading' aria-level={1}>文明家园隐私保护指引</View>
        <Text className='privacy__version'>版本 {PRIVACY_POLICY_VERSION}</Text>
        {OPERATOR_IS_DEMO && <View className='privacy__demo' role='note'><Text>演示版本：运营者和联系方式为示例，正式上线前由区文明办填写</Text></View>}
      </View>
      {POLICY.map((section) => (
        <View key={section.title} className='privacy__section'>
          <View className='privacy__heading' role='heading' aria-level={2}>{section.title}</View>
          {section.items && (
            <View role='list'>
              {section.items.map(([term, text]) => (
                <View key={term} role='listitem' className='privacy__item'>
                  <Text className='privacy__term'>{term}</Text>
                  <Text className='privacy__text'>{text}</Text>
                </View>
              ))}
            </View>
          )}
          {section.paragraphs?.map((p) => <Text key={p} className='privacy__text'>{p}</Text>)}
        </View>
      ))}
      {privacy.mustAccept && (
        <View className='privacy__back'>
          <Button block type='primary' onClick={back}>返回，选择是否同意</Button>
        </View>
      )}
    </PageShell>
  )
}

export default observer(PrivacyPage)
