/**
 * The console's sign-in request inside what opened this page: its own query (the QR's link opened
 * in a browser, or the mini-program opened on it), WeChat's `q` (扫普通链接二维码打开小程序) or a
 * scanner's text (the whole link).
 */
export function requestIn(text: string): { id: string; code: string } | null {
  let decoded = text
  try {
    decoded = decodeURIComponent(text)
  } catch {
    // keep the text as it came
  }
  const id = /[?&]id=([a-z0-9]{8,32})(?:&|$)/.exec(decoded)?.[1]
  const code = /[?&]code=([A-Za-z0-9_-]{22,64})(?:&|$)/.exec(decoded)?.[1]
  return id && code ? { id, code } : null
}
