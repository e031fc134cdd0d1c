import { starTitle, volunteerStars, VOLUNTEER_STAR_HOURS } from '../../types/names'

/** 星级志愿者 (issue 28): one to five stars at 100/300/600/1000/1500 credited hours. */
it.each([
  [0, 0], [99 * 60 + 59, 0], [100 * 60, 1], [299 * 60, 1], [300 * 60, 2], [600 * 60 - 1, 2], [600 * 60, 3], [1000 * 60, 4], [1499 * 60, 4], [1500 * 60, 5], [9000 * 60, 5]
])('%i minutes are %i stars', (minutes, stars) => {
  expect(volunteerStars(minutes)).toBe(stars)
})

it('names the stars, none below one', () => {
  expect(VOLUNTEER_STAR_HOURS).toEqual([100, 300, 600, 1000, 1500])
  expect([0, 1, 2, 3, 4, 5].map(starTitle)).toEqual(['', '一星级志愿者', '二星级志愿者', '三星级志愿者', '四星级志愿者', '五星级志愿者'])
})
