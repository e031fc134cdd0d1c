import fs from 'node:fs'
import path from 'node:path'

/** src/styles/nutui-theme.css is NutUI's default theme minus its embedded font: it must follow NutUI upgrades. */
it('the app theme is the installed NutUI default theme without the JDZH font', () => {
  const root = path.resolve(__dirname, '..', '..')
  const installed = fs.readFileSync(path.join(root, 'node_modules/@nutui/nutui-react-taro/dist/styles/themes/default.css'), 'utf8')
  const ours = fs.readFileSync(path.join(root, 'src/styles/nutui-theme.css'), 'utf8')
  const vars = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@font-face\{[^}]*\}/g, '').trim()
  expect(installed).toMatch(/@font-face\{font-family:JDZH-Regular/)
  expect(ours).not.toMatch(/@font-face/)
  expect(vars(ours)).toBe(vars(installed))
  expect(vars(ours)).toMatch(/^:root,page\{--nutui-/)
})
