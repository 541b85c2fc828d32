/**
 * Undo for the changes a notification offers to put back: an added, removed or moved IP, a renamed pool. Each runs the
 * inverse change outside the dialog that made the first one (it has closed by then) and says how that went.
 */
import { useQueryClient } from '@tanstack/react-query'
import { runMutation } from '../lib/cache-writes'
import { errorMessage } from '../lib/error-message'
import type { Undo } from '../ui/notice'
import { useNotify } from '../ui/notifications'
import { poolChanges } from './queries'

export function useUndo() {
  const queryClient = useQueryClient()
  const notify = useNotify()

  return {
    addIp: ({ pool, ip }: { pool: string; ip: string }): Undo => ({
      label: `Undo adding ${ip} to “${pool}”`,
      run: async () => {
        try {
          await runMutation(queryClient, poolChanges.removeIp(queryClient), { pool, ip })
        } catch (error) {
          notify(`Could not take ${ip} out of “${pool}” again: ${errorMessage(error)}`)
          return
        }
        notify(`Undone: ${ip} is out of “${pool}” again`)
      },
    }),

    removeIp: ({ pool, ip }: { pool: string; ip: string }): Undo => ({
      label: `Undo removal of ${ip} from “${pool}”`,
      run: async () => {
        const [result] = await runMutation(queryClient, poolChanges.addIps(queryClient), { pool, ips: [ip] })
        notify(
          result?.error
            ? `Could not put ${ip} back in “${pool}”: ${errorMessage(result.error)}`
            : `Undone: ${ip} is back in “${pool}”`,
        )
      },
    }),

    moveIp: ({ ip, from, to }: { ip: string; from: string; to: string }): Undo => ({
      label: `Undo move of ${ip} to “${to}”`,
      run: async () => {
        const back = { ip, from: to, to: from }
        const outcome = await runMutation(queryClient, poolChanges.moveIp(queryClient), back)
        notify(
          outcome.status === 'moved'
            ? `Undone: ${ip} is back in “${from}” and out of “${to}”`
            : outcome.status === 'half-moved'
              ? `${ip} is back in “${from}” but could not be taken out of “${to}”, so it is in both pools: ` +
                errorMessage(outcome.error)
              : `Could not move ${ip} back to “${from}”; it is still in “${to}”: ${errorMessage(outcome.error)}`,
        )
      },
    }),

    rename: ({ name, newName }: { name: string; newName: string }): Undo => ({
      label: `Undo rename to “${newName}”`,
      run: async () => {
        try {
          await runMutation(queryClient, poolChanges.rename(queryClient), { name: newName, newName: name })
        } catch (error) {
          notify(`Could not rename “${newName}” back to “${name}”: ${errorMessage(error)}`)
          return
        }
        notify(`Undone: the pool is named “${name}” again`)
      },
    }),
  }
}
