import type { ReactNode } from 'react'
import { ReconnectContext } from '../ui/query-problem'
import { useDisconnect } from './use-disconnect'

/** A read that fails because SendGrid refused the pasted key offers Reconnect: forgetting it, for the Connect page. */
export function ReconnectProvider({ children }: { children: ReactNode }) {
  return <ReconnectContext value={useDisconnect()}>{children}</ReconnectContext>
}
