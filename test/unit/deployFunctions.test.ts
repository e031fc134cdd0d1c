import fs from 'node:fs'
import path from 'node:path'
import { FUNCTIONS } from '../../scripts/deploy/declaration'

/** `npm run deploy` deploys exactly the cloud functions `npm run build:cloud` builds (cloud/functions/<name>/index.ts). */
it('declares every built cloud function, and only those', () => {
  const root = path.join(__dirname, '..', '..', 'cloud', 'functions')
  const built = fs.readdirSync(root).filter((f) => fs.existsSync(path.join(root, f, 'index.ts'))).sort()
  expect(FUNCTIONS.map((f) => f.name).sort()).toEqual(built)
})
