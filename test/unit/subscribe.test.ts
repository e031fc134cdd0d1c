/**
 * WeChat shows a 订阅消息 request only from a tap, and refuses one made after an `await` in the
 * handler: askForNotices must call requestSubscribeMessage synchronously, before yielding.
 */
const requestSubscribeMessage = jest.fn((): Promise<unknown> => Promise.reject(new Error('declined')))
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { requestSubscribeMessage } }))
jest.mock('../../src/services/platform', () => ({ isWeApp: true }))
;(globalThis as { SUBSCRIBE_TEMPLATES?: string }).SUBSCRIBE_TEMPLATES = 'tmpl-report,tmpl-volunteer'

it('asks at once with every template, before the handler awaits anything, and never fails the caller', async () => {
  const { askForNotices, SUBSCRIBE_TEMPLATE_IDS } = await import('../../src/services/subscribe')
  expect(SUBSCRIBE_TEMPLATE_IDS).toEqual(['tmpl-report', 'tmpl-volunteer'])
  const asked = askForNotices()
  expect(requestSubscribeMessage).toHaveBeenCalledTimes(1) // synchronously, in the tap
  expect(requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['tmpl-report', 'tmpl-volunteer'] }))
  await expect(asked).resolves.toBeUndefined() // declined: 站内消息 still arrive
})

it('once the district’s templates are known, asks for the moment’s topic and records the answers', async () => {
  const { askForNotices, setNoticeTemplates } = await import('../../src/services/subscribe')
  const recorded: unknown[] = []
  setNoticeTemplates([
    { id: 'tmpl-work', topic: 'work', kind: 'long', name: '新工单提醒' },
    { id: 'tmpl-case', topic: 'case', kind: 'once', name: '上报办理进度' }
  ], async (results) => void recorded.push(results))
  requestSubscribeMessage.mockReset()
  requestSubscribeMessage.mockImplementation(() => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-case': 'accept', 'tmpl-other': 'accept' }))
  const asked = askForNotices('case')
  expect(requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['tmpl-case'] }))
  await asked
  expect(recorded).toEqual([{ 'tmpl-case': 'accept' }]) // only what was asked
})
