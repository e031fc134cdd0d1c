import fs from 'node:fs'
import path from 'node:path'

/**
 * The mini-program's main package must stay small (budget in scripts/check-size.mjs): zod belongs to
 * the subpackages and the cloud. Main-package code (src/ outside src/sub-*) may take only types from
 * the contract files, and values from the zod-free types/names.ts.
 */
const SRC = path.resolve('src')
const ZOD_MODULES = /(^zod(\/.*)?$)|types\/(common|report|ranking|volunteer|user|contract)$/

function mainPackageFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return dir === SRC && e.name.startsWith('sub-') ? [] : mainPackageFiles(full)
    return /\.(ts|tsx)$/.test(e.name) ? [full] : []
  })
}

it('main-package code imports no zod, directly or through a contract file', () => {
  const files = mainPackageFiles(SRC)
  expect(files.length).toBeGreaterThan(20)
  const offending: string[] = []
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8')
    for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+'([^']+)'/gms)) {
      const [, , typeOnly, , source] = m
      if (!typeOnly && ZOD_MODULES.test(source!)) offending.push(`${path.relative(SRC, file)} → ${source}`)
    }
  }
  expect(offending).toEqual([])
})
