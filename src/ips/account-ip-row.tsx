import Button from '@mui/material/Button'
import { memo } from 'react'
import { Link } from 'react-router'
import { PoolLinks } from '../ui/pool-links'
import type { DeliverySummary } from '../shared/delivery'
import { DeliverySummaryCell } from '../delivery'
import type { AccountIp, ReverseDns } from './api'
import { ipPath } from '../shared/app-paths'
import { warmupPlanText, warmupSince } from './warmup-schedule'
import { lazily } from '../lib/lazily'

const dateFormat = lazily(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }))

/**
 * The MUI button a row may carry (Validate, with its loading state): without the ripple it is much lighter, and the
 * focus ring is drawn instead. The rows' other actions are plain buttons (.row-link-button).
 */
const ROW_BUTTON = {
  size: 'small',
  disableRipple: true,
  focusVisibleClassName: 'row-button-focus',
} as const

interface AccountIpRowProps {
  ip: AccountIp
  /** Its delivery summary; null when it sent nothing, undefined where the table shows no delivery column. */
  delivery: DeliverySummary | null | undefined
  /** Its reverse DNS record; null when it has none, undefined until the records are known. */
  record: ReverseDns | null | undefined
  /** Absent where the user may not change anything. */
  onValidate?: (record: ReverseDns) => void
  validating: boolean
  onEditSubusers?: (ip: AccountIp) => void
  /** Whether the key may change this IP's warmup; if not, `reasonId` names the note that says why. */
  allowed: boolean
  reasonId: string
  onWarmup: (ip: AccountIp) => void
}

/**
 * Memoised, and plain <tr>/<td> styled by the table rather than MUI's row and cells: a keystroke mounts a page of
 * rows, and per-element styles are what took its time.
 */
export const AccountIpRow = memo(function AccountIpRow({
  ip,
  delivery,
  record,
  onValidate,
  validating,
  onEditSubusers,
  allowed,
  reasonId,
  onWarmup,
}: AccountIpRowProps) {
  return (
    <tr>
      <td className={ip.ip.includes(':') ? 'ip-address' : 'ip-address ip-nowrap'}>
        <Link className="list-link" to={ipPath(ip.ip)}>
          {ip.ip}
        </Link>
      </td>
      <td>{ip.pools.length === 0 ? <span className="ip-note">No pool</span> : <PoolLinks pools={ip.pools} />}</td>
      <td>
        {ip.warmup ? (
          <>
            Warming up
            {ip.startDate !== null && (
              <span className="ip-note ip-block">
                {warmupSince(ip.startDate)}
                <br />
                {warmupPlanText(ip.startDate)}
              </span>
            )}
          </>
        ) : (
          '—'
        )}
      </td>
      {delivery !== undefined && (
        <td>
          <DeliverySummaryCell summary={delivery ?? undefined} />
        </td>
      )}
      <td className="ip-wrap">
        {record?.rdns ?? ip.rdns ?? '—'}
        {record !== undefined && (
          <span className="ip-block">
            {record === null ? (
              ip.whitelabeled === false && <span className="ip-problem">No reverse DNS record: cannot join a pool</span>
            ) : record.valid ? (
              <span className="ip-note">Valid</span>
            ) : (
              <>
                <span className="ip-problem">Not valid: cannot join a pool</span>
                {onValidate && (
                  <Button
                    {...ROW_BUTTON}
                    onClick={() => onValidate(record)}
                    loading={validating}
                    aria-label={`Validate the reverse DNS of ${ip.ip}`}
                    sx={{ ml: 1 }}
                  >
                    Validate
                  </Button>
                )}
              </>
            )}
          </span>
        )}
      </td>
      <td className="ip-wrap">
        {ip.subusers.join(', ') || '—'}
        {onEditSubusers && (
          <button
            type="button"
            className="row-link-button"
            onClick={() => onEditSubusers(ip)}
            aria-label={`Change the subusers of ${ip.ip}`}
          >
            Change
          </button>
        )}
      </td>
      <td className="ip-nowrap">{ip.assignedAt === null ? '—' : dateFormat().format(ip.assignedAt * 1000)}</td>
      <td>
        <button
          type="button"
          className="row-link-button"
          onClick={() => onWarmup(ip)}
          disabled={!allowed}
          aria-describedby={allowed ? undefined : reasonId}
          aria-label={`${ip.warmup ? 'Stop' : 'Start'} warmup of ${ip.ip}`}
        >
          {ip.warmup ? 'Stop warmup' : 'Start warmup'}
        </button>
      </td>
    </tr>
  )
})
