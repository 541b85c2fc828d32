import MenuIcon from '@mui/icons-material/Menu'
import Box from '@mui/material/Box'
import IconButton from '@mui/material/IconButton'
import { lazy, Suspense, useId, useState, type ReactNode } from 'react'

// A popover's code would weigh on every first screen: it loads when first opened.
const Popover = lazy(() => import('@mui/material/Popover'))

/**
 * The app's sections on a screen too narrow for them in the app bar: a button (with the count of what needs a look)
 * that opens them as the same Main navigation, closed by a choice, Escape or a click outside.
 */
export function NavMenu({ needingALook, children }: { needingALook?: number; children: ReactNode }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  const id = useId()
  const close = () => setAnchor(null)
  return (
    <Box sx={{ display: { md: 'none' } }}>
      <IconButton
        color="inherit"
        aria-label={needingALook ? `Sections, ${needingALook} need a look` : 'Sections'}
        aria-expanded={anchor ? 'true' : 'false'}
        aria-controls={anchor ? id : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        <MenuIcon />
        {Boolean(needingALook) && (
          <Box
            component="span"
            aria-hidden
            sx={{ position: 'absolute', top: 0, right: 0, fontSize: 11, fontWeight: 700 }}
          >
            {needingALook}
          </Box>
        )}
      </IconButton>
      {anchor && (
        <Suspense fallback={null}>
          <Popover id={id} open anchorEl={anchor} onClose={close}>
            {/* A click on a section closes the menu as it goes there. */}
            <Box
              component="nav"
              aria-label="Main"
              onClick={close}
              sx={{ display: 'flex', flexDirection: 'column', p: 1 }}
            >
              {children}
            </Box>
          </Popover>
        </Suspense>
      )}
    </Box>
  )
}
