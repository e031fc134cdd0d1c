import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { PageShell } from '../../components/PageShell'
import { Field } from '../../components/Field'
import { isWeApp } from '../../services/platform'
import { toastError } from '../../services/feedback'
import { useVolunteer } from '../../stores/volunteer'

type Verdict = Awaited<ReturnType<ReturnType<typeof useVolunteer>['verifyCertificate']>>

/** The certificate number inside what a scanner read (the verification link or the number itself). */
const numberIn = (text: string) => /ZYFW-\d{4}-[0-9A-Z]{10}/i.exec(decodeURIComponent(text))?.[0]?.toUpperCase() ?? ''

/** 证明核验: a certificate's number (from its QR code or typed) checked against the issued records. */
function VerifyPage() {
  const volunteer = useVolunteer()
  const [number, setNumber] = useState(Taro.getCurrentInstance().router?.params?.number ?? '')
  const [verdict, setVerdict] = useState<Verdict | null>(null)
  const [checking, setChecking] = useState(false)

  const check = async (n: string) => {
    if (!n.trim()) return
    setChecking(true)
    try {
      setVerdict(await volunteer.verifyCertificate(n.trim()))
    } catch (e) {
      toastError(e)
    } finally {
      setChecking(false)
    }
  }
  useEffect(() => {
    if (number) void check(number)
    // only the number the page was opened with
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const scan = async () => {
    const { result } = await Taro.scanCode({ onlyFromCamera: false })
    const n = numberIn(result)
    setNumber(n)
    void check(n)
  }

  return (
    <PageShell className='verify'>
      <View className='verify__form'>
        <Field label='证书编号'>
          <Input className='field' aria-label='证书编号' placeholder='如：ZYFW-2026-7K3M9Q2XPA' value={number} maxLength={40} onChange={setNumber} />
        </Field>
        <Button type='primary' block loading={checking} disabled={!number.trim()} onClick={() => void check(number)}>核验</Button>
        {isWeApp && <Button type='default' block onClick={() => void scan().catch(() => undefined)}>扫描证明上的二维码</Button>}
      </View>
      {verdict && (
        <View className='verify__result' role='status'>
          {verdict.valid ? (
            <>
              <Text className='verify__verdict verify__verdict--valid'>✓ 证明有效</Text>
              <Text className='verify__line'>姓名：{verdict.name}</Text>
              <Text className='verify__line'>志愿服务时长：{verdict.hours} 小时，参加活动 {verdict.drives} 次</Text>
              <Text className='verify__line'>出具单位：{verdict.issuer}</Text>
              <Text className='verify__line'>出具日期：{verdict.date}</Text>
              <Text className='verify__line'>证书编号：{verdict.number}</Text>
            </>
          ) : (
            <Text className='verify__verdict verify__verdict--invalid'>✗ 查无此证明：编号 {verdict.number} 未出具过，请核对编号</Text>
          )}
        </View>
      )}
    </PageShell>
  )
}

export default observer(VerifyPage)
