import path from 'node:path'
import { createLocalCloud, isLoopback } from './root'

/** `npm run serve`: the local cloud on PORT/HOST with DATA_DIR, serving dist/h5 if built. */
async function main() {
  const port = Number(process.env.PORT ?? 8787)
  const host = process.env.HOST ?? '127.0.0.1'
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data')
  const h5Dir = path.resolve(process.env.H5_DIR ?? 'dist/h5')
  // Files the server makes (database, photos, secrets) readable by its own user only.
  process.umask(0o077)
  if (process.env.CIVIC_DEMO === '1' && !isLoopback(host)) {
    console.error(`[civic] 演示模式（CIVIC_DEMO=1）的开放登录只能在本机地址上运行，HOST=${host} 不允许。`)
    process.exit(1)
  }
  // CIVIC_DEMO_ACTIVITY=0 seeds the district without demo cases and drives.
  const cloud = await createLocalCloud({ dataDir, h5Dir, demoActivity: process.env.CIVIC_DEMO_ACTIVITY !== '0' })
  if (cloud.seeded) console.log(`[civic] 已写入示范区演示数据 → ${dataDir}`)
  const address = await cloud.app.listen({ port, host })
  console.log(`[civic] 文明家园本地云已启动: ${address}  (存储 ${cloud.storeKind}，数据目录 ${dataDir}${cloud.demo ? '，演示模式' : ''})`)
  const stop = async () => {
    await cloud.app.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  console.error('[civic] 启动失败', error)
  process.exit(1)
})
