import { useMutation, useQueryClient, type QueryClient, type UseMutationOptions } from '@tanstack/react-query'
import { useMemo } from 'react'

/** A change as a hook, its options made once per client rather than on every render of the page that holds it. */
export function useChange<TData, TVariables>(
  changeFor: (queryClient: QueryClient) => UseMutationOptions<TData, Error, TVariables>,
) {
  const queryClient = useQueryClient()
  return useMutation(useMemo(() => changeFor(queryClient), [changeFor, queryClient]))
}
