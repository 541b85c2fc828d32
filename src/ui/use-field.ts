import { useState } from 'react'

/**
 * One field of a dialog, the same in every dialog: what was typed is kept through any failure; the field's own
 * check shows once the user has tried to send (not while they are still typing); and a refusal from the server of
 * the value that was sent shows at the field until that value is changed.
 */
export function useField<T>(initial: T, check: (value: T) => string | null) {
  const [value, setValue] = useState(initial)
  const [tried, setTried] = useState(false)
  const [refusal, setRefusal] = useState<{ of: T; problem: string } | null>(null)
  const problem = check(value)
  return {
    value,
    setValue,
    /** The problem to show at the field, if any. */
    shown: (tried ? problem : null) ?? (refusal && Object.is(refusal.of, value) ? refusal.problem : null),
    /** On sending: whether the value may be sent. From now on its problem shows as the user edits. */
    validate: () => {
      setTried(true)
      return problem === null
    },
    /** The server refused `sent` for this reason, said in words for the field. */
    refuse: (sent: T, reason: string) => setRefusal({ of: sent, problem: reason }),
  }
}
