/** The volunteer part of the store port (see cloud/core/ports.ts). */

export interface VolunteerRepo {
  /** Minutes credited for drives that started in [from, to) to volunteers whose home village is `villageId`. */
  minutesOfVillageResidents(villageId: string, from: Date, to: Date): Promise<number>
}
