import Taro from '@tarojs/taro'

/**
 * Saves a text file for the user: a download in H5; in WeChat a file shared to a chat (to forward
 * or open on a PC). Answers where it went, in words to show.
 */
export async function saveTextFile(filename: string, text: string, mime = 'text/csv'): Promise<string> {
  // (the platform test written out: each build drops the other platform's branch)
  if (process.env.TARO_ENV === 'weapp') {
    const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`
    Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8')
    await Taro.shareFileMessage({ filePath, fileName: filename })
    return `已将「${filename}」发送到所选聊天，可在电脑微信中打开`
  }
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
  return `已下载「${filename}」，在浏览器的「下载」文件夹中`
}
