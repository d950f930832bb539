export const regions = ['North America', 'Latin America', 'Europe', 'Middle East & Africa', 'Asia Pacific'] as const
export type Region = (typeof regions)[number]
