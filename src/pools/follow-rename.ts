import { useMutationState } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useNavigate } from 'react-router'
import { poolPath } from '../shared/app-paths'
import { RENAME_KEY } from './queries'

interface Rename {
  name: string
  newName: string
  at: number
}

/**
 * A pool's page follows its pool to a new name, whether renamed in its dialog or put back by an Undo from a notice,
 * replacing the address: the old one names a pool that no longer exists. Only renames made while the page is open
 * count, so a new pool that takes an old name is not sent away.
 */
export function useFollowRename(name: string) {
  const renames = useMutationState({
    filters: { mutationKey: RENAME_KEY, status: 'success' },
    select: (mutation): Rename => ({
      ...(mutation.state.variables as Omit<Rename, 'at'>),
      at: mutation.state.submittedAt,
    }),
  })
  // The renames already made when this name's page opened do not count (derived state, adjusted during render).
  const newest = Math.max(0, ...renames.map((rename) => rename.at))
  const [opened, setOpened] = useState({ name, after: newest })
  if (opened.name !== name) setOpened({ name, after: newest })
  const latest = renames.findLast(
    (rename) => rename.at > opened.after && (rename.name === name || rename.newName === name),
  )
  const to = latest?.name === name ? latest.newName : null
  const navigate = useNavigate()
  useEffect(() => {
    if (to !== null) void navigate(poolPath(to), { replace: true })
  }, [to, navigate])
}
