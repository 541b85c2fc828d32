import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { ipQueries } from '../ips'
import { deliveryQueries } from '../delivery'
import { withIpFlags } from './health'
import { poolQueries } from './queries'

/**
 * Each pool's last 7 days with what needs a look at its IPs too, and each IP's: undefined until known, and where the
 * server keeps no figures (the dev server) or no event has arrived yet.
 */
export function usePoolDelivery() {
  const summaries = useQuery(deliveryQueries.summaries('pool'))
  const connected = summaries.data?.connected === true
  const ipSummaries = useQuery({ ...deliveryQueries.summaries('ip'), enabled: connected })
  const inventory = useQuery(ipQueries.list())
  const pools = useMemo(
    () =>
      summaries.data?.connected ? withIpFlags(summaries.data.of, ipSummaries.data?.of, inventory.data) : undefined,
    [summaries.data, ipSummaries.data, inventory.data],
  )
  return { summaries, pools, ips: connected ? ipSummaries.data?.of : undefined }
}

/**
 * How many pools and IPs need a look, for the navigation; undefined while not known. It starts no read of SendGrid
 * of its own (the navigation is there before a key is, and on every page): it counts once the app has read the
 * account's pools and IPs, and reads the server's figures from then on.
 */
export function useNeedingALook(): { pools: number; ips: number } | undefined {
  const { data: names } = useQuery({ ...poolQueries.list(), enabled: false })
  const { data: accountIps } = useQuery({ ...ipQueries.list(), enabled: false })
  const { data: poolFigures } = useQuery({
    ...deliveryQueries.summaries('pool'),
    enabled: Boolean(names && accountIps),
  })
  const { data: ips } = useQuery({ ...deliveryQueries.summaries('ip'), enabled: poolFigures?.connected === true })
  return useMemo(() => {
    if (!names || !poolFigures?.connected || !ips) return undefined
    const pools = withIpFlags(poolFigures.of, ips.of, accountIps)
    const flagged = (summary: { flags: string[] } | undefined) => (summary?.flags.length ?? 0) > 0
    return {
      pools: names.filter((name) => flagged(pools[name])).length,
      ips: Object.values(ips.of).filter(flagged).length,
    }
  }, [names, accountIps, poolFigures, ips])
}
