/**
 * Moves that stopped half way: the IP was added to the target but not removed from the source, so it is in both.
 * Kept in the query cache (never fetched) so that closing the Move dialog does not forget one: reopened, the dialog
 * offers to finish it, or to leave the IP in both pools.
 */
import { queryOptions, skipToken, type QueryClient } from '@tanstack/react-query'
import { poolNotes } from './notes'

interface HalfMove {
  ip: string
  from: string
  to: string
}

export const halfMovesQuery = () =>
  queryOptions({
    queryKey: poolNotes.halfMoves(),
    queryFn: skipToken,
    initialData: [] as HalfMove[],
    staleTime: Infinity,
    gcTime: Infinity,
  })

const sameStart = (a: HalfMove, b: { ip: string; from: string }) => a.ip === b.ip && a.from === b.from

export const findHalfMove = (moves: readonly HalfMove[], ip: string, from: string) =>
  moves.find((move) => sameStart(move, { ip, from }))

/** Records a move that stopped half way (replacing any earlier one of that IP out of that pool). */
export function recordHalfMove(queryClient: QueryClient, move: HalfMove) {
  queryClient.setQueryData(halfMovesQuery().queryKey, (moves = []) => [
    ...moves.filter((other) => !sameStart(other, move)),
    move,
  ])
}

/** Forgets the half-done move of that IP out of that pool: it was finished, or the IP left in both pools. */
export function forgetHalfMove(queryClient: QueryClient, move: Pick<HalfMove, 'ip' | 'from'>) {
  queryClient.setQueryData(halfMovesQuery().queryKey, (moves = []) => moves.filter((other) => !sameStart(other, move)))
}
