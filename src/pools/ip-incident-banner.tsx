import Button from '@mui/material/Button'
import { Fragment } from 'react'
import { IncidentBanner } from '../alerts'
import type { AccountIp } from '../ips'

export type IpFix = { kind: 'move' | 'remove'; pool: string; incident: string } | { kind: 'warmup'; incident: string }

/** An IP's open alerts, each with what fixes it here: out of a pool, into another, or its warmup stopped. */
export function IpIncidentBanner({ account, onFix }: { account: AccountIp; onFix: (fix: IpFix) => void }) {
  return (
    <IncidentBanner
      of={{ ip: account.ip }}
      fixes={({ id: incident }) => (
        <>
          {account.pools.map((pool) => (
            <Fragment key={pool}>
              <Button size="small" color="inherit" onClick={() => onFix({ kind: 'remove', pool, incident })}>
                Remove from “{pool}”
              </Button>
              <Button size="small" color="inherit" onClick={() => onFix({ kind: 'move', pool, incident })}>
                Move out of “{pool}”
              </Button>
            </Fragment>
          ))}
          {account.warmup && (
            <Button size="small" color="inherit" onClick={() => onFix({ kind: 'warmup', incident })}>
              Stop warmup
            </Button>
          )}
        </>
      )}
    />
  )
}
