import type { VolunteerRepo } from '../../core/volunteer/ports'
import type { Db } from './db'
import type { Exec } from './lock'

// Placeholder until the volunteer journey lands its tables: no drives yet.
export function sqliteVolunteer(_db: Db, exec: Exec): VolunteerRepo {
  return {
    minutesOfVillageResidents: () => exec(() => 0)
  }
}
