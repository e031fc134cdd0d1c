import { useEffect } from 'react'
import { useStore } from '../../stores/root'
import { toastError, toastSuccess } from '../../services/feedback'
import { useCurrentCase } from '../../stores/reports'

/**
 * What the case pages (detail, handle) share: the case `id` loaded with the units and regions its
 * summary names, and `act` to run an action on it with a toast of the outcome (`after` on success).
 */
export function useCasePage(id: string, after: () => void) {
  const { units, regions } = useStore()
  const currentCase = useCurrentCase()
  useEffect(() => {
    void currentCase.load(id)
    void units.load().catch(() => undefined)
    void regions.load().catch(() => undefined)
  }, [id, currentCase, units, regions])
  const act = async (what: () => Promise<void>, done: string) => {
    try {
      await what()
      after()
      toastSuccess(done)
    } catch (error) {
      toastError(error)
    }
  }
  return { report: currentCase.report?.id === id ? currentCase.report : null, act }
}
