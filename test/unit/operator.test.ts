import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEMO_OPERATOR, operatorFrom } from '../../src/sub-user/privacy/policy'

/** The 隐私保护指引's 运营者 comes from the build (CIVIC_OPERATOR); a release build refuses the demo's. */
it('the operator is the build\'s, field by field over the demo\'s; broken JSON keeps the demo\'s', () => {
  expect(operatorFrom('')).toEqual(DEMO_OPERATOR)
  expect(operatorFrom('{"name":"濮阳县文明办","email":"wmb@puyang.gov.cn","phone":"  "}')).toEqual({ ...DEMO_OPERATOR, name: '濮阳县文明办', email: 'wmb@puyang.gov.cn' })
  expect(operatorFrom('{not json')).toEqual(DEMO_OPERATOR)
})

it('check:weapp refuses a release build that still carries the demo\'s contact', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-release-'))
  fs.writeFileSync(path.join(dir, 'app.json'), '{"pages":[]}')
  fs.mkdirSync(path.join(dir, 'sub-user'))
  fs.writeFileSync(path.join(dir, 'sub-user', 'privacy.js'), `var o={email:"${DEMO_OPERATOR.email}"}`)
  const run = spawnSync(process.execPath, ['scripts/check-weapp.mjs', dir], { env: { ...process.env, CIVIC_RELEASE: '1' }, encoding: 'utf8' })
  expect(run.status).toBe(1)
  expect(run.stderr).toMatch(/demo's 运营者 contact.*CIVIC_OPERATOR/)
})
