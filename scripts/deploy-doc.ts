/**
 * `npm run docs:deploy`: the table of collections, permissions and indexes in docs/deploy.md,
 * generated from the declaration (cloud/store/cloudbase/schema.ts) between its markers.
 * test/unit/indexes.test.ts fails when the document and the declaration differ.
 */
import fs from 'node:fs'
import path from 'node:path'
import { MAX_INDEXES, SCHEMA, type IndexDecl } from '../cloud/store/cloudbase/schema'

export const BEGIN = '<!-- collections:begin (npm run docs:deploy) -->'
export const END = '<!-- collections:end -->'
export const DOC = path.resolve(__dirname, '..', 'docs', 'deploy.md')

const PERMISSION_NAMES: Record<string, string> = { ADMINONLY: '仅管理端可读写', ADMINWRITE: '所有用户可读，仅管理端可写', READONLY: '所有用户可读，仅创建者可写', PRIVATE: '仅创建者可读写' }

function index(i: IndexDecl): string {
  return `${i.fields.map(([f, d]) => `\`${f}\`${d < 0 ? ' (desc)' : ''}`).join(' + ')}${i.unique ? ' **unique**' : ''} — ${i.for}`
}

export function table(): string {
  const rows = SCHEMA.map((c) => `| \`${c.name}\` | ${PERMISSION_NAMES[c.permission]} | ${c.documents.replace(/\|/g, '\\|')} | ${c.indexes.length ? c.indexes.map(index).join('<br>') : '—'} | ${c.indexes.length + 1} |`)
  return [
    BEGIN,
    `| collection | permission | documents | indexes (fields in order) — what relies on each | indexes with \`_id\` (of ${MAX_INDEXES}) |`,
    '|---|---|---|---|---|',
    ...rows,
    END
  ].join('\n')
}

/** The document with the table replaced. */
export function render(doc: string): string {
  const from = doc.indexOf(BEGIN)
  const to = doc.indexOf(END)
  if (from < 0 || to < from) throw new Error(`docs/deploy.md has no ${BEGIN} … ${END}`)
  return doc.slice(0, from) + table() + doc.slice(to + END.length)
}

if (require.main === module) {
  fs.writeFileSync(DOC, render(fs.readFileSync(DOC, 'utf8')))
  console.log(`docs:deploy: ${path.relative(process.cwd(), DOC)} — ${SCHEMA.length} collections`)
}
