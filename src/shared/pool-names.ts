/**
 * SendGrid's rules for pools, in one place: the dialogs check them before sending and the fake backend enforces
 * them. A broken rule is returned as data; the dialogs word it for people, the fake in SendGrid's own terse words,
 * and a refusal from SendGrid is read back into the same data so the dialog can word it too.
 */
export const MAX_POOLS = 100
export const POOL_NAME_MIN_LENGTH = 2
export const POOL_NAME_MAX_LENGTH = 64

type PoolNameProblem = { kind: 'empty' } | { kind: 'length'; length: number } | { kind: 'leading' } | { kind: 'taken' }

/** Why a pool name cannot be used, or null when it can. `taken` holds the names in use by other pools. */
export function poolNameProblem(name: string, taken: Iterable<string> = []): PoolNameProblem | null {
  const length = [...name].length
  if (length === 0) return { kind: 'empty' }
  if (length < POOL_NAME_MIN_LENGTH || length > POOL_NAME_MAX_LENGTH) return { kind: 'length', length }
  if (name.startsWith('.') || name.startsWith(' ')) return { kind: 'leading' }
  for (const other of taken) if (other === name) return { kind: 'taken' }
  return null
}

/** The problem in words for the person typing `name`. */
export function describePoolNameProblem(problem: PoolNameProblem, name: string): string {
  switch (problem.kind) {
    case 'empty':
      return 'Enter a pool name.'
    case 'length':
      return `A pool name needs to be between ${POOL_NAME_MIN_LENGTH} and ${POOL_NAME_MAX_LENGTH} characters long (this one has ${problem.length}).`
    case 'leading':
      return 'A pool name cannot start with a dot or a space.'
    case 'taken':
      return `A pool named “${name}” already exists.`
  }
}

/** SendGrid's own words for each problem, as its API answers on the `name` field. */
const SENDGRID_WORDS: Record<PoolNameProblem['kind'], string> = {
  empty: 'needs to be between 2 to 64 characters long',
  length: 'needs to be between 2 to 64 characters long',
  leading: 'cannot start with a dot or a space',
  taken: 'already exists',
}

export function sendGridPoolNameMessage(problem: PoolNameProblem): string {
  return SENDGRID_WORDS[problem.kind]
}

/** SendGrid's terse message on the `name` field, read back as a problem; null for words it does not know. */
export function poolNameProblemFromSendGrid(message: string, name: string): PoolNameProblem | null {
  const said = message.trim().toLowerCase()
  if (said.includes('already exists')) return { kind: 'taken' }
  if (said.includes('cannot start with')) return { kind: 'leading' }
  if (said.includes('between')) return { kind: 'length', length: [...name].length }
  return null
}

export const POOL_LIMIT_SENDGRID_MESSAGE = `${MAX_POOLS} pools limit has been reached`

export function poolLimitProblem(poolCount: number): string | null {
  return poolCount >= MAX_POOLS
    ? `The limit of ${MAX_POOLS} pools has been reached. Delete a pool to create another.`
    : null
}
