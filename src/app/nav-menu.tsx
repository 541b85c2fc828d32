import MenuIcon from '@mui/icons-material/Menu'
import Box from '@mui/material/Box'
import IconButton from '@mui/material/IconButton'
import Popover from '@mui/material/Popover'
import { useId, useState, type ReactNode } from 'react'
import { useLocation } from 'react-router'

/**
 * The app's sections on a screen too narrow for them in the app bar: a button that opens them as the same Main
 * navigation, closed again by a choice (the address changes), Escape or a click outside.
 */
export function NavMenu({ children }: { children: ReactNode }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  const [openAt, setOpenAt] = useState<string | null>(null)
  const { pathname } = useLocation()
  const id = useId()
  // A section chosen moves to its address: the menu closes by itself (derived state, adjusted during render).
  if (anchor && openAt !== pathname) setAnchor(null)
  const open = Boolean(anchor) && openAt === pathname
  return (
    <Box sx={{ display: { md: 'none' } }}>
      <IconButton
        color="inherit"
        aria-label="Sections"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={open ? id : undefined}
        onClick={(event) => {
          setAnchor(event.currentTarget)
          setOpenAt(pathname)
        }}
      >
        <MenuIcon />
      </IconButton>
      <Popover
        id={id}
        open={open}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <Box component="nav" aria-label="Main" sx={{ display: 'flex', flexDirection: 'column', p: 1, gap: 0.5 }}>
          {children}
        </Box>
      </Popover>
    </Box>
  )
}
