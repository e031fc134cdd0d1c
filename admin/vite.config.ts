import { defineConfig } from 'vite'

/**
 * The district console (管理后台): `npm run build:admin` (vite build admin) writes dist/admin,
 * which the local server serves at /admin/. No inline script ends up in index.html (the server's
 * CSP allows scripts of its own origin only, plus the H5 page's hashes).
 */
export default defineConfig({
  base: '/admin/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../dist/admin',
    emptyOutDir: true,
    target: 'es2020',
    // antd is large; it is split from the console's own code so a change of a page re-downloads little
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // antd marks its modules "use client" (for React Server Components); meaningless in this bundle
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
      },
      output: {
        // ECharts (tree-shaken: echarts/core and the charts the dashboard draws) in a chunk of its own;
        // exceljs (基础数据 and 测评 imports) too, loaded only when a workbook is opened; the CloudBase
        // web SDK (a CloudBase build only, VITE_CLOUDBASE_ENV) in its own
        manualChunks: (id) =>
          id.includes('node_modules')
            ? /[\\/](react|react-dom|scheduler)[\\/]/.test(id) ? 'react'
              : /[\\/](echarts|zrender)[\\/]/.test(id) ? 'echarts'
              : /[\\/]exceljs[\\/]/.test(id) ? 'exceljs'
              : /[\\/](@cloudbase|bson|jwt-decode|lodash|web-streams-polyfill|@mattiasbuelens|text-encoding-shim|regenerator-runtime)[\\/]/.test(id) ? 'cloudbase-sdk'
              : 'vendor'
            : undefined
      }
    }
  }
})
