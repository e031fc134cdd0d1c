/** The `volunteer` function (志愿服务). Actions arrive with the volunteer issue. */
export const volunteerContract = {}
