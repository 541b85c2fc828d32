/**
 * Moves that stopped half way: the IP was added to the target but not removed from the source, so it is in both.
 * Kept in the query cache (never fetched) so that closing the Move dialog does not forget one: reopened, the dialog
 * offers to finish it, or to leave the IP in both pools.
 */
import { queryOptions, skipToken, type QueryClient } from '@tanstack/react-query'

export interface HalfMove {
  ip: string
  from: string
  to: string
}

export const halfMovesQuery = () =>
  queryOptions({
    queryKey: ['half-moves'] as const,
    queryFn: skipToken,
    initialData: [] as HalfMove[],
    staleTime: Infinity,
    gcTime: Infinity,
  })

const sameStart = (a: HalfMove, b: { ip: string; from: string }) => a.ip === b.ip && a.from === b.from

export const findHalfMove = (moves: readonly HalfMove[], ip: string, from: string) =>
  moves.find((move) => sameStart(move, { ip, from }))

/** Records a move that stopped half way, or (`done`) forgets the move of that IP out of that pool. */
export function noteHalfMove(queryClient: QueryClient, move: HalfMove, done = false) {
  queryClient.setQueryData(halfMovesQuery().queryKey, (moves = []) => [
    ...moves.filter((other) => !sameStart(other, move)),
    ...(done ? [] : [move]),
  ])
}
