import fs from 'node:fs'
import path from 'node:path'
import { apiDoc } from '../../scripts/api-doc'
import { contract } from '../../types/contract'

it('docs/api.md says what the code says (run `npm run docs:api` after changing the contract)', () => {
  const committed = fs.readFileSync(path.resolve('docs/api.md'), 'utf8')
  expect(committed).toBe(apiDoc())
})

it('lists every action of the contract', () => {
  const doc = apiDoc()
  for (const [fn, actions] of Object.entries(contract)) {
    for (const action of Object.keys(actions)) expect(doc).toMatch(new RegExp(`## ${fn}[\\s\\S]*?\\n\\| ${action} \\|`))
  }
})
