/** A short confirmation on screen, and the Undo it may offer. */
export interface Notice {
  id: number
  message: string
  undo?: Undo
}

/** Puts a change back; its label says which, so that several on screen at once stay apart. */
export interface Undo {
  label: string
  run: () => void
}
