import { newId } from '../../cloud/core/ids'

it('ids are 18 url-safe lowercase characters and do not repeat across pool refills', () => {
  const ids = Array.from({ length: 5000 }, newId)
  for (const id of ids) expect(id).toMatch(/^[a-z0-9]{18}$/)
  expect(new Set(ids).size).toBe(ids.length)
})
