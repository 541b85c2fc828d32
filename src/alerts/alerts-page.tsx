import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { Suspense, lazy, useState, type FormEvent } from 'react'
import { useSearchParams } from 'react-router'
import { VIEWER_REASON, useRole } from '../connection'
import { normalIp } from '../shared/ip-address'
import { ruleInWords, type AlertChannel, type AlertIncident, type AlertRuleView } from '../shared/alert-api'
import { ConfirmDialog } from '../ui/confirm-dialog'
import { useNotify } from '../ui/notifications'
import { pageTitle } from '../ui/product'
import { Section } from '../ui/section'
import { QueryProblem } from '../ui/query-problem'
import { useChange } from '../ui/use-change'
import { ChannelTable } from './channel-table'
import { IncidentTable, timeOf } from './incident-table'
import { alertChanges, alertQueries } from './queries'
import { MuteList } from './mute-list'
import { RuleTable } from './rule-table'

const RuleDialog = lazy(() => import('./rule-dialog'))
const ChannelDialog = lazy(() => import('./channel-dialog'))
const MuteDialog = lazy(() => import('./mute-dialog'))

type OpenDialog =
  | { kind: 'rule'; rule?: AlertRuleView }
  | { kind: 'delete-rule'; rule: AlertRuleView }
  | { kind: 'channel' }
  | { kind: 'delete-channel'; channel: AlertChannel }
  | { kind: 'mute'; incident: AlertIncident }
  | null

/** Open alerts first, then the rules, the channels they go to, and what has resolved; filtered by pool or IP. */
export default function AlertsPage() {
  const [params, setParams] = useSearchParams()
  const filter = { pool: params.get('pool') ?? undefined, ip: params.get('ip') ?? undefined }
  const alerts = useQuery(alertQueries.view(filter))
  const admin = useRole() !== 'viewer'
  const [dialog, setDialog] = useState<OpenDialog>(null)
  const acknowledge = useChange(alertChanges.acknowledge)
  const deleteRule = useChange(alertChanges.deleteRule)
  const deleteChannel = useChange(alertChanges.deleteChannel)
  const notify = useNotify()
  const close = () => setDialog(null)
  const view = alerts.data

  function applyFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const text = String(new FormData(event.currentTarget).get('of') ?? '').trim()
    const ip = normalIp(text)
    setParams(text ? { [ip ? 'ip' : 'pool']: ip ?? text } : {})
  }

  return (
    <Stack spacing={3}>
      <title>{pageTitle('Alerts')}</title>
      <div>
        <Typography variant="h4" component="h1">
          Alerts
        </Typography>
        <Typography color="text.secondary">
          Rules read the delivery figures every {Math.round((view?.evaluateEverySeconds ?? 120) / 60)} minutes and soon
          after each batch of events{view?.evaluatedAt ? `; last at ${timeOf(view.evaluatedAt)}` : ''}.
        </Typography>
      </div>
      {!admin && <Alert severity="info">{VIEWER_REASON}</Alert>}
      <Stack key={params.toString()} component="form" direction="row" spacing={1} onSubmit={applyFilter}>
        <TextField
          name="of"
          label="Pool or IP"
          size="small"
          defaultValue={filter.pool ?? filter.ip ?? ''}
          autoComplete="off"
        />
        <Button type="submit" variant="outlined">
          Filter
        </Button>
      </Stack>
      <QueryProblem query={alerts} what="the alerts" />
      {alerts.isPending && <CircularProgress aria-label="Loading alerts" sx={{ alignSelf: 'center' }} />}

      {view && (
        <>
          <Section title={`Open (${view.open.length})`}>
            {view.open.length === 0 ? (
              <Typography color="text.secondary">Nothing is open: every rule is under its threshold.</Typography>
            ) : (
              <IncidentTable
                label="Open alerts"
                incidents={view.open}
                {...(admin
                  ? {
                      onAcknowledge: (incident) =>
                        acknowledge.mutate(incident.id, { onSuccess: () => notify('Alert acknowledged') }),
                      onMute: (incident) => setDialog({ kind: 'mute', incident }),
                    }
                  : {})}
              />
            )}
          </Section>
          <Section
            title="Rules"
            action={admin && <Button onClick={() => setDialog({ kind: 'rule' })}>Add rule</Button>}
          >
            <RuleTable
              rules={view.rules}
              {...(admin
                ? {
                    onEdit: (rule) => setDialog({ kind: 'rule', rule }),
                    onDelete: (rule) => setDialog({ kind: 'delete-rule', rule }),
                  }
                : {})}
            />
            {view.mutes.length > 0 && <MuteList mutes={view.mutes} rules={view.rules} admin={admin} />}
          </Section>
          <Section
            title="Channels"
            action={admin && <Button onClick={() => setDialog({ kind: 'channel' })}>Add channel</Button>}
          >
            {!view.email.allowed && (
              <Typography variant="body2" color="text.secondary">
                Email alerts cannot be sent. {view.email.reason}
              </Typography>
            )}
            {view.channels.length === 0 ? (
              <Typography color="text.secondary">No channel yet: alerts show here and on their pages only.</Typography>
            ) : (
              <ChannelTable
                channels={view.channels}
                {...(admin ? { onDelete: (channel) => setDialog({ kind: 'delete-channel', channel }) } : {})}
              />
            )}
          </Section>
          <Section title="History">
            {view.history.length === 0 ? (
              <Typography color="text.secondary">No alert has resolved yet.</Typography>
            ) : (
              <IncidentTable label="Resolved alerts" incidents={view.history} resolved />
            )}
          </Section>
        </>
      )}

      {dialog && (
        <Suspense fallback={null}>
          {dialog.kind === 'rule' && <RuleDialog {...(dialog.rule ? { rule: dialog.rule } : {})} onClose={close} />}
          {dialog.kind === 'channel' && (
            <ChannelDialog {...(view?.email.reason ? { emailReason: view.email.reason } : {})} onClose={close} />
          )}
          {dialog.kind === 'mute' && <MuteDialog incident={dialog.incident} onClose={close} />}
          {dialog.kind === 'delete-rule' && (
            <ConfirmDialog
              title="Delete alert rule"
              confirmLabel="Delete"
              destructive
              change={deleteRule}
              variables={dialog.rule.id}
              onDone={() => {
                notify('Alert rule deleted')
                close()
              }}
              onClose={close}
            >
              <Typography>Delete the rule “{ruleInWords(dialog.rule)}”? Its open alerts resolve once quiet.</Typography>
            </ConfirmDialog>
          )}
          {dialog.kind === 'delete-channel' && (
            <ConfirmDialog
              title="Delete alert channel"
              confirmLabel="Delete"
              destructive
              change={deleteChannel}
              variables={dialog.channel.id}
              onDone={() => {
                notify(`Channel “${dialog.channel.name}” deleted`)
                close()
              }}
              onClose={close}
            >
              <Typography>Delete “{dialog.channel.name}”? Alerts will no longer go there.</Typography>
            </ConfirmDialog>
          )}
        </Suspense>
      )}
    </Stack>
  )
}
