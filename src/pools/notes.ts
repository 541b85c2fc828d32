/**
 * What this browser notes about pools that SendGrid does not say (half-done moves, IPs just added): kept in the query
 * cache, never fetched, so it lives and dies with the app's other data. One key factory for them, apart from the
 * keys of what is read from SendGrid, so that re-reading pools never touches them.
 */
import type { QueryClient } from '@tanstack/react-query'

export const poolNotes = {
  all: () => ['pool-notes'] as const,
  halfMoves: () => [...poolNotes.all(), 'half-moves'] as const,
  recentlyAdded: () => [...poolNotes.all(), 'recently-added'] as const,
}

/**
 * A renamed pool keeps its notes under its new name, and a deleted one's (`to` null) are forgotten: a note under an
 * old name would show that name in "Also in", and bring an IP back as "Added just now" if the name came back.
 */
export function renameInNotes(queryClient: QueryClient, from: string, to: string | null) {
  const renamed = (pool: string) => (pool === from ? to : pool)
  queryClient.setQueryData<{ pool: string; ip: string }[]>(poolNotes.recentlyAdded(), (list) =>
    list?.flatMap((note) => (note.pool !== from ? [note] : to === null ? [] : [{ ...note, pool: to }])),
  )
  queryClient.setQueryData<{ ip: string; from: string; to: string }[]>(poolNotes.halfMoves(), (moves) =>
    moves?.flatMap((move) => {
      const [moveFrom, moveTo] = [renamed(move.from), renamed(move.to)]
      return moveFrom === null || moveTo === null ? [] : [{ ...move, from: moveFrom, to: moveTo }]
    }),
  )
}
