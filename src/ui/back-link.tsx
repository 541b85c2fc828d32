import ArrowBackIcon from '@mui/icons-material/ArrowBack'
import Link from '@mui/material/Link'
import { Link as RouterLink } from 'react-router'

/** The way back to the list a page was opened from, above its heading. */
export function BackLink({ to, children }: { to: string; children: string }) {
  return (
    <Link
      component={RouterLink}
      to={to}
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, alignSelf: 'flex-start' }}
    >
      <ArrowBackIcon fontSize="small" aria-hidden />
      {children}
    </Link>
  )
}
