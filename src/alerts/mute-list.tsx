import Button from '@mui/material/Button'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import ListItemText from '@mui/material/ListItemText'
import { ruleInWords, scopeInWords, scopeKey, type AlertMute, type AlertRuleView } from '../shared/alert-api'
import { useNotify } from '../ui/notifications'
import { useChange } from '../ui/use-change'
import { timeOf } from './incident-table'
import { alertChanges } from './queries'

/** Rules muted for a pool or an IP, until when and by whom; admins unmute them. */
export function MuteList({ mutes, rules, admin }: { mutes: AlertMute[]; rules: AlertRuleView[]; admin: boolean }) {
  const unmute = useChange(alertChanges.unmute)
  const notify = useNotify()
  const ruleOf = (id: string) => rules.find((rule) => rule.id === id)
  return (
    <List dense aria-label="Muted">
      {mutes.map((mute) => {
        const where = scopeInWords(mute.scope)
        const rule = ruleOf(mute.ruleId)
        return (
          <ListItem
            key={`${mute.ruleId}|${scopeKey(mute.scope)}`}
            secondaryAction={
              admin && (
                <Button
                  size="small"
                  aria-label={`Unmute for ${where}`}
                  onClick={() =>
                    unmute.mutate(
                      { ruleId: mute.ruleId, scope: scopeKey(mute.scope) },
                      { onSuccess: () => notify(`Unmuted for ${where}`) },
                    )
                  }
                >
                  Unmute
                </Button>
              )
            }
          >
            <ListItemText
              primary={`Muted for ${where} until ${timeOf(mute.until)}, by ${mute.by}`}
              secondary={rule ? ruleInWords(rule) : mute.ruleId}
            />
          </ListItem>
        )
      })}
    </List>
  )
}
