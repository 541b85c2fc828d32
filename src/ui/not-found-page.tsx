import Link from '@mui/material/Link'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { Link as RouterLink } from 'react-router'
import { pageTitle } from './product'

/** What an unknown address or a missing pool shows: a plain statement and a way back. */
export function NotFoundPage({ title = 'Page not found', children }: { title?: string; children?: React.ReactNode }) {
  return (
    <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
      <title>{pageTitle(title)}</title>
      <Typography variant="h4" component="h1">
        {title}
      </Typography>
      <Typography>{children ?? 'There is nothing at this address.'}</Typography>
      <Link component={RouterLink} to="/pools">
        Back to IP pools
      </Link>
    </Stack>
  )
}
