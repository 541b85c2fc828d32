import Link from '@mui/material/Link'
import { Fragment } from 'react'
import { Link as RouterLink } from 'react-router'
import { poolPath } from './paths'

/** Pool names as links to their pages, comma-separated. */
export function PoolLinks({ pools }: { pools: readonly string[] }) {
  return pools.map((pool, i) => (
    <Fragment key={pool}>
      {i > 0 && ', '}
      <Link component={RouterLink} to={poolPath(pool)}>
        {pool}
      </Link>
    </Fragment>
  ))
}
