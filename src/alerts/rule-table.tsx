import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { ruleInWords, type AlertRuleView } from '../shared/alert-api'
import { KEY_COLUMN_FIXED } from '../ui/table-styles'

/** The rules: what each watches in words, where a default's threshold comes from, whether it is on. */
export function RuleTable({
  rules,
  onEdit,
  onDelete,
}: {
  rules: AlertRuleView[]
  /** Admins only. */
  onEdit?: (rule: AlertRuleView) => void
  onDelete?: (rule: AlertRuleView) => void
}) {
  return (
    <TableContainer sx={KEY_COLUMN_FIXED}>
      <Table size="small" aria-label="Alert rules">
        <TableHead>
          <TableRow>
            <TableCell>Rule</TableCell>
            <TableCell>State</TableCell>
            {onEdit && <TableCell>Actions</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {rules.map((rule) => (
            <TableRow key={rule.id}>
              <TableCell sx={{ minWidth: 240, maxWidth: 640 }}>
                {ruleInWords(rule)}
                {rule.source && (
                  <Typography variant="body2" color="text.secondary">
                    {rule.source}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{rule.enabled ? 'On' : 'Off'}</TableCell>
              {onEdit && (
                <TableCell>
                  <Stack direction="row" spacing={1}>
                    <Button size="small" onClick={() => onEdit(rule)} aria-label={`Change rule: ${ruleInWords(rule)}`}>
                      Change
                    </Button>
                    {!rule.isDefault && onDelete && (
                      <Button
                        size="small"
                        color="error"
                        onClick={() => onDelete(rule)}
                        aria-label={`Delete rule: ${ruleInWords(rule)}`}
                      >
                        Delete
                      </Button>
                    )}
                  </Stack>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  )
}
