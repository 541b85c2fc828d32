import Box from '@mui/material/Box'
import { useId, useState } from 'react'

interface SearchFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  hint?: string
}

/**
 * What the box shows: each keystroke at once, in a render of the box alone, while `value` (kept in the address, whose
 * updates React Router renders as a transition) catches up. A `value` that is not one the box sent (the back button, a
 * Clear filters link) replaces the text.
 */
function useTypedText(value: string, onChange: (value: string) => void) {
  const [box, setBox] = useState({ text: value, value, sent: [] as string[] })
  let current = box
  if (value !== box.value) {
    const echo = box.sent.lastIndexOf(value)
    current =
      echo >= 0 ? { ...box, value, sent: box.sent.slice(echo + 1) } : { text: value, value, sent: [] as string[] }
    setBox(current)
  }
  const type = (text: string) => {
    setBox((state) => ({ ...state, text, sent: [...state.sent, text].slice(-50) }))
    onChange(text)
  }
  return [current.text, type] as const
}

/**
 * A labelled native search box in the theme's colours. Lighter than MUI's TextField, whose input, label and select
 * machinery would add about 7 KB gzip to the first screen for one field.
 */
export function SearchField({ label, value, onChange, hint }: SearchFieldProps) {
  const id = useId()
  const [text, type] = useTypedText(value, onChange)
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5, width: { xs: '100%', sm: 320 } }}>
      <Box component="label" htmlFor={id} sx={{ fontSize: 14, color: 'text.secondary' }}>
        {label}
      </Box>
      <Box
        component="input"
        id={id}
        type="search"
        value={text}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => type(event.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        autoComplete="off"
        sx={{
          font: 'inherit',
          fontSize: 16,
          color: 'text.primary',
          bgcolor: 'background.paper',
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
          px: 1.5,
          py: 1,
          '&:hover': { borderColor: 'text.primary' },
          '&:focus': { outline: 2, outlineColor: 'primary.main', outlineOffset: -1, borderColor: 'primary.main' },
        }}
      />
      {hint && (
        <Box id={`${id}-hint`} sx={{ fontSize: 12, color: 'text.secondary' }}>
          {hint}
        </Box>
      )}
    </Box>
  )
}
