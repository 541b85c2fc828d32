import { useDeferredValue } from 'react'

/** About a screen of table rows. */
const SCREEN_ROWS = 20

/**
 * A long list drawn in two steps: in the render that first brings it, its first screen of rows; the rest in a render
 * of their own just after, which React may interrupt for a keystroke. The first rows then show sooner. Call it in a
 * component that mounts with the list: only a first render draws the shorter one.
 */
export function useScreenFirst<T>(rows: readonly T[]): readonly T[] {
  return useDeferredValue(rows, rows.length > SCREEN_ROWS ? rows.slice(0, SCREEN_ROWS) : rows)
}
