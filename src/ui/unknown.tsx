import Box from '@mui/material/Box'
import { visuallyHidden } from '@mui/utils'

/** A table cell's placeholder: a dash or ellipsis to the eye, words to a screen reader (aria-label on a span is not read). */
export function Unknown({ mark = '—', words }: { mark?: string; words: string }) {
  return (
    <>
      <span aria-hidden>{mark}</span>
      <Box component="span" sx={visuallyHidden}>
        {words}
      </Box>
    </>
  )
}
