import fs from 'node:fs'
import path from 'node:path'

/**
 * The mini-program's main package must stay small (budget in scripts/check-size.mjs): zod belongs to
 * the subpackages and the cloud. Main-package code (src/ outside src/sub-*) may take only types from
 * the contract files, and values from the zod-free types/names.ts. The stores only subpackage pages
 * use are built there (RootStore.lazy): main-package code may take only their types (issue 23).
 */
const SRC = path.resolve('src')
const ZOD_MODULES = /(^zod(\/.*)?$)|types\/(common|report|ranking|volunteer|user|contract)$/

/** Stores built lazily by subpackage pages (`useReportDraft`, `useCurrentCase`, `useVolunteer` …). */
const SUBPACKAGE_STORES = /stores\/(reportDraft|reports|village|volunteer|inbox|noticeSettings|evaluationEntry|account)$/

function mainPackageFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return dir === SRC && e.name.startsWith('sub-') ? [] : mainPackageFiles(full)
    return /\.(ts|tsx)$/.test(e.name) ? [full] : []
  })
}

/** The modules main-package files import as values (not `import type`), as `file → source`. */
function valueImports(pattern: RegExp): string[] {
  const offending: string[] = []
  for (const file of mainPackageFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8')
    for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+'([^']+)'/gms)) {
      const [, , typeOnly, , source] = m
      if (!typeOnly && pattern.test(source!)) offending.push(`${path.relative(SRC, file)} → ${source}`)
    }
  }
  return offending
}

it('main-package code imports no zod, directly or through a contract file', () => {
  expect(mainPackageFiles(SRC).length).toBeGreaterThan(20)
  expect(valueImports(ZOD_MODULES)).toEqual([])
})

it('main-package code takes only types from the stores subpackage pages build', () => {
  expect(valueImports(SUBPACKAGE_STORES)).toEqual([])
})
