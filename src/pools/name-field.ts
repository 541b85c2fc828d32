/** A pool-name field's problem in words: the rules checked before sending, or SendGrid's refusal of what was sent. */
import { ApiError } from '../lib/api-client'
import { describePoolNameProblem, poolNameProblem, poolNameProblemFromSendGrid } from '../shared/pool-names'

export function localNameProblem(name: string, taken: Iterable<string>): string | null {
  const problem = poolNameProblem(name, taken)
  return problem && describePoolNameProblem(problem, name)
}

/**
 * SendGrid's message on the `name` field for the name that was sent, worded for the field: its terse "already
 * exists" becomes "A pool named “x” already exists.". Null when the refusal is not about the name.
 */
export function refusedNameProblem(error: unknown, name: string): string | null {
  if (!(error instanceof ApiError)) return null
  const said = error.messageFor('name')
  if (!said) return null
  const problem = poolNameProblemFromSendGrid(said, name)
  return problem ? describePoolNameProblem(problem, name) : `Pool name: ${said}`
}

/** Whether a failure is SendGrid refusing the name, which the field itself shows. */
export function isNameRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.messageFor('name') !== undefined
}
