/**
 * For a table's container: a table wider than the screen scrolls inside itself, never the page, with its first
 * column (what each row is) kept in view.
 */
export const KEY_COLUMN_FIXED = {
  '& th:first-of-type, & td:first-of-type': {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    bgcolor: 'background.paper',
  },
} as const
