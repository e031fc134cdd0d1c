import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import 'antd/dist/reset.css'
import './console.css'
import { Console } from './Console'
import { loadBackend } from './api'

dayjs.locale('zh-cn')

/**
 * 文明红 as the primary colour (white on it and it on white pass WCAG AA), and secondary text
 * and placeholders darker than antd's default grey (rgba 0.45 on white is 3.4:1, below AA).
 */
const lessMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true
const theme = {
  token: {
    colorPrimary: '#c8161d',
    colorLink: '#a50f15',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    // placeholders (the drawer's 派单至「本单位：…」) read as text too: antd's 0.25 is 1.9:1
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    fontFamily: "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
    // a clerk who asked the system for less motion gets dialogs and menus that appear at once
    // (WCAG 2.3.3); the console's browser tests ask for it too, so no click lands on a moving target
    motion: !lessMotion
  }
}

// the backend of this build first (on CloudBase the web SDK's chunk), then the console on it
void loadBackend().then((backend) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }} wave={{ disabled: lessMotion }}>
        <AntApp>
          <Console backend={backend} />
        </AntApp>
      </ConfigProvider>
    </StrictMode>
  )
)
