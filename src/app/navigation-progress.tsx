import Box from '@mui/material/Box'
import { keyframes } from '@mui/material/styles'
import { useEffect, useRef, useState } from 'react'
import { useLocation } from 'react-router'

const sweep = keyframes`from { transform: translateX(-100%); } to { transform: translateX(250%); }`

/**
 * A thin bar at the top while a navigation is on its way: React Router renders a new page as a transition, so the old
 * page stays up while the new one's code loads. The address changes at once (a link or the back button); the page
 * follows when it is ready. Shown only after a moment, so a quick navigation shows nothing. A plain bar rather than
 * MUI's LinearProgress, which would weigh on the first screen.
 */
export function NavigationProgress() {
  const { pathname, search } = useLocation()
  const here = pathname + search
  const shown = useRef(here)
  useEffect(() => {
    shown.current = here
  }, [here])
  // A navigation from the page on screen to another address, until that page is on screen.
  const [pending, setPending] = useState<{ from: string; to: string } | null>(null)
  useEffect(() => {
    const follow = () => setPending({ from: shown.current, to: window.location.pathname + window.location.search })
    // After React Router's own handlers: by then the address is the new one.
    document.addEventListener('click', follow)
    window.addEventListener('popstate', follow)
    return () => {
      document.removeEventListener('click', follow)
      window.removeEventListener('popstate', follow)
    }
  }, [])
  // Another page is on screen: that navigation is over (derived state, adjusted during render).
  if (pending && pending.from !== here) setPending(null)
  if (!pending || pending.from !== here || pending.to === here) return null
  return (
    <Box
      role="progressbar"
      aria-label="Loading page"
      sx={{
        position: 'fixed',
        top: 0,
        left: 0,
        right: 0,
        height: 3,
        overflow: 'hidden',
        zIndex: 'tooltip',
        // Off to the left until its first sweep starts, a moment in.
        '&::after': {
          content: '""',
          display: 'block',
          width: '40%',
          height: '100%',
          bgcolor: 'secondary.main',
          transform: 'translateX(-100%)',
          animation: `${sweep} 1.2s 200ms ease-in-out infinite`,
        },
      }}
    />
  )
}
