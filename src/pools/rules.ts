/**
 * SendGrid's rules for pools, in one place: the dialogs check them before sending and the fake
 * backend enforces them, so both say the same thing.
 */
export const MAX_POOLS = 100
export const POOL_NAME_MIN_LENGTH = 2
export const POOL_NAME_MAX_LENGTH = 64

/** Why a pool name cannot be used, or null when it can. `taken` holds the names in use by other pools. */
export function poolNameProblem(name: string, taken: Iterable<string> = []): string | null {
  const length = [...name].length
  if (length === 0) return 'Enter a pool name.'
  if (length < POOL_NAME_MIN_LENGTH || length > POOL_NAME_MAX_LENGTH) {
    return `A pool name needs to be between ${POOL_NAME_MIN_LENGTH} and ${POOL_NAME_MAX_LENGTH} characters long (this one has ${length}).`
  }
  if (name.startsWith('.') || name.startsWith(' ')) return 'A pool name cannot start with a dot or a space.'
  for (const other of taken) if (other === name) return `A pool named “${name}” already exists.`
  return null
}

export function poolLimitProblem(poolCount: number): string | null {
  return poolCount >= MAX_POOLS
    ? `The limit of ${MAX_POOLS} pools has been reached. Delete a pool to create another.`
    : null
}
