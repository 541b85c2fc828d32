import Box from '@mui/material/Box'
import type { ReactNode } from 'react'

const tones = {
  warning: { bgcolor: 'warning.light', color: 'common.black' },
  success: { bgcolor: 'success.light', color: 'common.black' },
  neutral: { bgcolor: 'action.selected', color: 'text.primary' },
} as const

/** A small label beside a name: plain text with a tint, lighter than a Chip on the first screen. */
export function Badge({
  tone = 'neutral',
  title,
  children,
}: {
  tone?: keyof typeof tones
  /** The whole of it, where part is left out for room. */
  title?: string
  children: ReactNode
}) {
  return (
    <Box
      component="span"
      title={title}
      sx={{ px: 1, py: 0.25, borderRadius: 1, fontSize: 13, fontWeight: 600, whiteSpace: 'nowrap', ...tones[tone] }}
    >
      {children}
    </Box>
  )
}
