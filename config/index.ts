import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import { ModuleSizesPlugin } from './moduleSizes'
import devConfig from './dev'
import prodConfig from './prod'

/**
 * Taro build configuration. Output goes to dist/<platform> (TARO_OUTPUT_ROOT overrides it, e.g. to
 * build into a scratch folder). NutUI's styles are drawn for a 375 px design, ours for 750 px.
 */
/** Shared zod schemas and types live outside src/ and must go through the same compiler. */
const SHARED = path.resolve(__dirname, '..', 'types')

export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV ?? 'h5'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'civic-home',
    date: '2026-11-24',
    designWidth(input) {
      const file = typeof input === 'object' && input ? input.file : undefined
      // NutUI's files and our copy of its theme (src/styles/nutui-theme.css) are drawn at 375
      return /@nutui|nutui-theme\.css/.test(file?.replace(/\\+/g, '/') ?? '') ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: process.env.TARO_OUTPUT_ROOT ?? `dist/${platform}`,
    plugins: [],
    defineConstants: {
      // Where the H5 app finds the local cloud ('' = same origin) and which WeChat Cloud env the
      // mini-program uses (empty = the default env of the AppID).
      API_BASE_URL: JSON.stringify(process.env.CIVIC_API_BASE ?? ''),
      CLOUD_ENV_ID: JSON.stringify(process.env.CIVIC_CLOUD_ENV ?? ''),
      SUBSCRIBE_TEMPLATES: JSON.stringify(process.env.CIVIC_SUBSCRIBE_TEMPLATES ?? ''),
      // the district's 运营者 in the 隐私保护指引 (docs/deploy.md): JSON { name, address, phone, email }
      OPERATOR_INFO: JSON.stringify(process.env.CIVIC_OPERATOR ?? '')
    },
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // Template levels in the weapp's base.wxml (Taro's default 16): deeper trees continue through the
    // `comp` custom component. 8 keeps base.wxml 21 KB smaller in the main package (docs/performance.md).
    baseLevel: 8,
    // weapp: Chinese text as UTF-8 rather than \uXXXX escapes (Taro's default, ascii_only): 3 bytes
    // a character instead of 6 in the main package's budget (issue 23), the same strings at run time
    // (WeChat reads scripts as UTF-8). The H5 build keeps Taro's defaults.
    ...(platform === 'weapp' ? { terser: { enable: true, config: { output: { ascii_only: false } } } } : {}),
    mini: {
      // Dependencies shipped as modern JS go through Babel so old WeChat clients can run them.
      compile: { include: [SHARED, (file: string) => /node_modules[\\/](zod|@nutui|mobx-react-lite|dayjs|uqr)[\\/]/.test(file)] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      optimizeMainPackage: { enable: true },
      webpackChain(chain) {
        // MobX's own production build (ES5, minified, no development messages): 9 KB less than its
        // development-capable ESM build minified here
        chain.resolve.alias.set('mobx$', path.resolve(__dirname, '..', 'node_modules/mobx/dist/mobx.esm.production.min.js'))
        chain.plugin('module-sizes').use(ModuleSizesPlugin, [process.env.TARO_OUTPUT_ROOT ?? `dist/${platform}`])
      }
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [SHARED] },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      }
    }
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
