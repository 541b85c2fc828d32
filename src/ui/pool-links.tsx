import { Fragment } from 'react'
import { Link } from 'react-router'
import { poolPath } from '../shared/app-paths'

/** Pool names as links to their pages, comma-separated; plain anchors (see .list-link in the theme), as tables mount many. */
export function PoolLinks({ pools }: { pools: readonly string[] }) {
  return pools.map((pool, i) => (
    <Fragment key={pool}>
      {i > 0 && ', '}
      <Link className="list-link" to={poolPath(pool)}>
        {pool}
      </Link>
    </Fragment>
  ))
}
