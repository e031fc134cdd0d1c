import { IndexCheck } from '../../cloud/emulator/indexes'
import { EmulatedDatabase } from '../../cloud/emulator/database'
import { ALL_COLLECTIONS } from '../../cloud/store/cloudbase/db'
import { indexName, MAX_INDEXES, SCHEMA } from '../../cloud/store/cloudbase/schema'
import { handlers } from '../../cloud/core/handlers'

describe('the declaration of the CloudBase database', () => {
  it('declares every collection of the store once, each within CloudBase\'s 20 indexes (with _id)', () => {
    expect(SCHEMA.map((c) => c.name).sort()).toEqual([...ALL_COLLECTIONS].sort())
    for (const c of SCHEMA) {
      expect(c.indexes.length + 1).toBeLessThanOrEqual(MAX_INDEXES)
      const names = c.indexes.map(indexName)
      expect(new Set(names).size).toBe(names.length)
      for (const i of c.indexes) expect(i.for.length).toBeGreaterThan(0)
    }
  })

  it('names only actions that exist where it says which actions rely on an index', () => {
    const actions = new Set(Object.entries(handlers).flatMap(([domain, table]) => Object.keys(table).map((a) => `${domain}.${a}`)))
    const named = SCHEMA.flatMap((c) => c.indexes.flatMap((i) => i.for.match(/\b(user|report|volunteer|ranking|open311)\.[a-zA-Z]+/g) ?? []))
    expect(named.length).toBeGreaterThan(20)
    expect(named.filter((a) => !actions.has(a))).toEqual([])
  })
})

describe('which queries an index serves', () => {
  const check = new IndexCheck({ reports: [{ fields: [['status', 1], ['createdAt', -1]] }, { fields: [['kind', 1], ['dueAt', 1]] }] })
  it.each([
    ['an equality on a leading field', { status: 'open' }, {}, true],
    ['$in and ranges on a leading field', { status: { $in: ['a', 'b'] } }, {}, true],
    ['_id', { _id: { $gt: 'x' } }, {}, true],
    ['through $and', { $and: [{ category: 'c' }, { status: 'open' }] }, {}, true],
    ['an excluded leading field with a narrowed second', { kind: { $ne: 'praise' }, dueAt: { $lt: 5 } }, {}, true],
    ['an order by a leading field', { category: 'c' }, { status: 1 }, true],
    ['no condition', {}, {}, true],
    ['$or whose every branch is served', { $or: [{ status: 'a' }, { _id: 'x' }] }, {}, true],
    ['a field no index starts with', { category: 'c' }, {}, false],
    ['a second field alone', { createdAt: { $gt: 1 } }, {}, false],
    ['$ne alone', { kind: { $ne: 'praise' } }, {}, false],
    ['$exists', { status: { $exists: true } }, {}, false],
    ['a regular expression', { status: /open/ }, {}, false],
    ['$or with an unserved branch', { $or: [{ status: 'a' }, { category: 'c' }] }, {}, false],
    ['no condition but an order no index starts with', {}, { createdAt: -1 }, false]
  ])('%s', (_, cond, order, served) => {
    expect(check.served('reports', cond as never, order)).toBe(served)
  })

  it('the emulator records unserved queries by collection and shape, and counts them', async () => {
    const db = new EmulatedDatabase({ collections: ['reports'], indexes: { reports: [{ fields: [['status', 1]] }] } })
    const q = (query: unknown) => db.send('database.getDocument', { collectionName: 'reports', query: JSON.stringify(query), queryType: 'WHERE' })
    await q({ status: 'open' })
    await q({ category: 'a' })
    await q({ category: 'b' })
    await db.send('database.aggregateDocuments', { collectionName: 'reports', stages: [{ stageKey: '$group', stageValue: JSON.stringify({ _id: '$status' }) }] })
    expect(db.unindexed()).toEqual([
      { collection: 'reports', api: 'database.getDocument', shape: '{"category":"string"}', count: 2 },
      { collection: 'reports', api: 'database.aggregateDocuments', shape: 'no leading $match ($group)', count: 1 }
    ])
  })
})

describe('docs/deploy.md', () => {
  it('holds the table generated from the declaration (npm run docs:deploy)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DOC, render } = require('../../scripts/deploy-doc') as typeof import('../../scripts/deploy-doc')
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const doc = (require('node:fs') as typeof import('node:fs')).readFileSync(DOC, 'utf8')
    expect(render(doc)).toBe(doc)
  })
})
