import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import type { ChangeEvent } from 'react'
import type { LayoutProblem } from '../shared/layout-file'

interface LayoutEditorProps {
  text: string
  onChange: (text: string) => void
  /** The file's problems, each at its place; null when it has none that are known. */
  problems: LayoutProblem[] | null
  planning: boolean
  onPlan: () => void
  onReset: () => void
}

/** The layout file, edited in the page or opened from disk, and the button that plans it. */
export function LayoutEditor({ text, onChange, problems, planning, onPlan, onReset }: LayoutEditorProps) {
  async function open(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (file) onChange(await file.text())
  }
  return (
    <Stack
      spacing={1.5}
      component="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        onPlan()
      }}
    >
      <TextField
        label="Layout file (JSON)"
        value={text}
        onChange={(event) => onChange(event.target.value)}
        multiline
        minRows={10}
        maxRows={22}
        error={Boolean(problems?.length)}
        helperText={
          problems?.length
            ? `${problems.length === 1 ? 'One problem' : `${problems.length} problems`}, listed below: nothing was planned.`
            : 'Each pool with its IPs; a pool left out is deleted; "renamedFrom" renames one.'
        }
        slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } } }}
      />
      {problems && problems.length > 0 && (
        <Alert severity="error" aria-label="Problems in the layout file">
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {problems.map((problem) => (
              <li key={`${problem.at}|${problem.message}`}>
                {problem.at ? <code>{problem.at}</code> : 'The file'} {problem.message}
              </li>
            ))}
          </Box>
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
        <Button type="submit" variant="contained" loading={planning}>
          Plan
        </Button>
        <Button component="label" variant="outlined">
          Open a file…
          <input type="file" accept=".json,application/json" hidden onChange={(event) => void open(event)} />
        </Button>
        <Button onClick={onReset}>Start again from the account</Button>
      </Stack>
    </Stack>
  )
}
