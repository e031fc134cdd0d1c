/** The ranking part of the store port (see cloud/core/ports.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface RankingRepo {}
