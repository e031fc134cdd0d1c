/**
 * WeChat shows a 订阅消息 request only from a tap, and refuses one made after an `await` in the
 * handler: askForNotices must call requestSubscribeMessage synchronously, before yielding.
 */
const requestSubscribeMessage = jest.fn(() => Promise.reject(new Error('declined')))
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
