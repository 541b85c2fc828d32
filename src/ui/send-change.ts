import type { MutateOptions, UseMutateFunction } from '@tanstack/react-query'

/**
 * Starts a change from a dialog and returns a promise that settles in the mutation's own onSettled, whether it
 * succeeded or failed: the moment the dialog unlocks. The callbacks run first, so a dialog that closes on success
 * is gone before it would unlock.
 */
export function sendChange<TData, TVariables>(
  mutate: UseMutateFunction<TData, Error, TVariables>,
  variables: TVariables,
  callbacks: Omit<MutateOptions<TData, Error, TVariables>, 'onSettled'> = {},
): Promise<void> {
  return new Promise((settle) => mutate(variables, { ...callbacks, onSettled: () => settle() }))
}
