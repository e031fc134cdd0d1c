import { useEffect, useState } from 'react'
import { Alert, Form, Input, Modal, Radio, Select } from 'antd'
import type { Report, ReportCategory } from '../../../types/report'
import type { Region } from '../../../types/ranking'
import { ANSWER_TEXT_MAX, checkAnswers } from '../../../types/names'
import { messageOf } from '../api'
import { useSession } from '../session'

/**
 * 代为登记 (the 12345 desk, issue 21): staff file a case for a caller, by phone or in person —
 * `report.create` with `onBehalf`. The place is the village's center and the address the caller
 * gave; the case goes through the same routing, deadline and workflow as a resident's. One client
 * id per opening of the dialog: a retried submit files once.
 */
export function DeskFiling({ open, onClose, onFiled, regions, categories }: { open: boolean; onClose: () => void; onFiled: (r: Report) => void; regions: Region[]; categories: ReportCategory[] }) {
  const { client } = useSession()
  const [channel, setChannel] = useState<'phone' | 'visit'>('phone')
  const [category, setCategory] = useState<string | undefined>()
  const [villageId, setVillageId] = useState<string | undefined>()
  const [address, setAddress] = useState('')
  const [description, setDescription] = useState('')
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  /** Answers to the category's own questions (issue 27), checked by the contract's one rule. */
  const [answers, setAnswers] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [clientId, setClientId] = useState('')
  useEffect(() => {
    if (!open) return
    setClientId(`desk-${crypto.randomUUID()}`)
    setError(null)
  }, [open])

  const villages = regions.filter((r) => r.level === 'village')
  const village = villages.find((v) => v.id === villageId)
  const questions = categories.find((c) => c.code === category)?.questions ?? []
  const checked = checkAnswers(questions, answers)
  const submit = async () => {
    if (!category || !village) return
    if (!village.center) {
      setError('该村居还没有位置，请先在「村居地理」中设置')
      return
    }
    setBusy(true)
    setError(null)
    try {
      const filed = await client.call('report', 'create', {
        clientId, category, description: description.trim(), photos: [], villageId: village.id,
        location: { latitude: village.center.latitude, longitude: village.center.longitude, ...(address.trim() ? { address: address.trim() } : {}) },
        ...(questions.length ? { answers: Object.fromEntries(questions.filter((q) => answers[q.code]?.trim()).map((q) => [q.code, answers[q.code]!.trim()])) } : {}),
        onBehalf: { channel, ...(name.trim() ? { name: name.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) }
      })
      onFiled(filed)
      setCategory(undefined)
      setVillageId(undefined)
      setAddress('')
      setDescription('')
      setName('')
      setPhone('')
      setAnswers({})
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal open={open} title='代为登记（电话 / 来访）' okText='登记' cancelText='取消' confirmLoading={busy} onOk={() => void submit()} onCancel={onClose}
      okButtonProps={{ disabled: !category || !villageId || description.trim().length < 5 || !checked.ok }} destroyOnHidden>
      <Form layout='vertical'>
        <Form.Item label='来源'>
          <Radio.Group value={channel} onChange={(e) => setChannel(e.target.value as 'phone' | 'visit')} optionType='button'
            options={[{ value: 'phone', label: '电话来电' }, { value: 'visit', label: '群众来访' }]} />
        </Form.Item>
        <Form.Item label='问题类别' htmlFor='desk-category'>
          <Select id='desk-category' placeholder='选择类别' value={category} onChange={setCategory} showSearch optionFilterProp='label'
            options={categories.filter((c) => c.kind === 'problem' && c.active !== false).map((c) => ({ value: c.code, label: c.name }))} />
        </Form.Item>
        <Form.Item label='所在村居' htmlFor='desk-village'>
          <Select id='desk-village' placeholder='选择村居' value={villageId} onChange={setVillageId} showSearch optionFilterProp='label'
            options={villages.map((v) => ({ value: v.id, label: v.name }))} />
        </Form.Item>
        <Form.Item label='详细地址（选填）' htmlFor='desk-address'>
          <Input id='desk-address' maxLength={200} value={address} onChange={(e) => setAddress(e.target.value)} placeholder='如：幸福村菜市场东门' />
        </Form.Item>
        <Form.Item label='问题描述（至少 5 个字）' htmlFor='desk-description'>
          <Input.TextArea id='desk-description' rows={3} maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} />
        </Form.Item>
        {questions.map((q) => (
          <Form.Item key={q.code} label={`${q.label}${q.required ? '（必答）' : '（选填）'}`} htmlFor={`desk-answer-${q.code}`}>
            {q.type === 'choice' ? (
              <Radio.Group id={`desk-answer-${q.code}`} value={answers[q.code]} onChange={(e) => setAnswers({ ...answers, [q.code]: e.target.value as string })} optionType='button'
                options={(q.options ?? []).map((o) => ({ value: o, label: o }))} />
            ) : (
              <Input id={`desk-answer-${q.code}`} inputMode={q.type === 'number' ? 'decimal' : 'text'} maxLength={q.type === 'number' ? 12 : ANSWER_TEXT_MAX} value={answers[q.code] ?? ''} onChange={(e) => setAnswers({ ...answers, [q.code]: e.target.value })} />
            )}
          </Form.Item>
        ))}
        {!checked.ok && Object.values(answers).some((v) => v.trim()) && <Alert type='warning' showIcon message={checked.message} style={{ marginBottom: 12 }} />}
        <Form.Item label='来电（来访）人姓名（选填，仅工作人员可见）' htmlFor='desk-name'>
          <Input id='desk-name' maxLength={20} value={name} onChange={(e) => setName(e.target.value)} />
        </Form.Item>
        <Form.Item label='联系电话（选填，仅工作人员可见）' htmlFor='desk-phone'>
          <Input id='desk-phone' maxLength={20} value={phone} onChange={(e) => setPhone(e.target.value)} />
        </Form.Item>
      </Form>
      {error && <Alert type='error' showIcon role='alert' message={error} />}
    </Modal>
  )
}
