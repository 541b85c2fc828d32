import Box from '@mui/material/Box'
import { useId } from 'react'

interface SearchFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  hint?: string
}

/**
 * A labelled native search box in the theme's colours. Lighter than MUI's TextField, whose input, label and select
 * machinery would add about 7 KB gzip to the first screen for one field.
 */
export function SearchField({ label, value, onChange, hint }: SearchFieldProps) {
  const id = useId()
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5, width: { xs: '100%', sm: 320 } }}>
      <Box component="label" htmlFor={id} sx={{ fontSize: 14, color: 'text.secondary' }}>
        {label}
      </Box>
      <Box
        component="input"
        id={id}
        type="search"
        value={value}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
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
