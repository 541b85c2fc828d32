import DarkModeIcon from '@mui/icons-material/DarkMode'
import LightModeIcon from '@mui/icons-material/LightMode'
import IconButton from '@mui/material/IconButton'
import { useColorScheme } from '@mui/material/styles'

/** Follows the system until the user picks a scheme; MUI remembers the pick in localStorage. */
export function ColorSchemeToggle() {
  const { mode, systemMode, setMode } = useColorScheme()
  const current = mode === 'system' ? systemMode : mode
  if (!current) return null
  const next = current === 'dark' ? 'light' : 'dark'
  const label = `Switch to ${next} theme`
  return (
    <IconButton color="inherit" aria-label={label} title={label} onClick={() => setMode(next)}>
      {current === 'dark' ? <LightModeIcon /> : <DarkModeIcon />}
    </IconButton>
  )
}
