/** The `report` function (随手拍). Actions arrive with the reporting issue. */
export const reportContract = {}
