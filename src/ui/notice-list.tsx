import Button from '@mui/material/Button'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import type { Notice } from './notice'

/** Long enough to read a line; a change that can be undone stays for the 10 seconds its Undo is offered. */
const SHOW_MS = 6000
const UNDO_MS = 10_000
/** Shown at once; later ones wait their turn. */
const AT_ONCE = 3

/** The key that takes the keyboard to the newest notice's buttons from anywhere, and back with Escape. */
const NOTICES_KEY = 'F8'

/**
 * The notices on screen, bottom left. Their time stands still while the pointer or the focus is on them. F8 takes
 * the focus to them (their buttons are last on the page otherwise); Escape, or a notice's button, brings it back.
 */
export default function NoticeList({ notices, onDismiss }: { notices: Notice[]; onDismiss: (id: number) => void }) {
  const [hovered, setHovered] = useState(false)
  const [focused, setFocused] = useState(false)
  const stack = useRef<HTMLDivElement>(null)
  const cameFrom = useRef<HTMLElement | null>(null)
  const goBack = useCallback(() => {
    const origin = cameFrom.current
    cameFrom.current = null
    if (origin?.isConnected) origin.focus()
  }, [])
  useEffect(() => {
    const jump = (event: KeyboardEvent) => {
      if (event.key !== NOTICES_KEY || !stack.current) return
      const newest = [...stack.current.querySelectorAll('[data-notice]')].at(-1)?.querySelector('button')
      if (!newest) return
      event.preventDefault()
      if (!stack.current.contains(document.activeElement)) cameFrom.current = document.activeElement as HTMLElement
      newest.focus()
    }
    window.addEventListener('keydown', jump)
    return () => window.removeEventListener('keydown', jump)
  }, [])
  // A notice that goes while it has the focus hands it back to where F8 took it from. A removed button fires no
  // blur, so the others' time is let run again here.
  const dismiss = useCallback(
    (id: number) => {
      const hadFocus = stack.current?.contains(document.activeElement)
      onDismiss(id)
      if (!hadFocus) return
      setFocused(false)
      goBack()
    },
    [onDismiss, goBack],
  )
  return (
    <Stack
      ref={stack}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && cameFrom.current) goBack()
      }}
      spacing={1}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      sx={{
        position: 'fixed',
        left: { xs: 8, sm: 24 },
        right: { xs: 8, sm: 'auto' },
        bottom: { xs: 8, sm: 24 },
        zIndex: 'snackbar',
        maxWidth: { sm: 560 },
      }}
    >
      {notices.slice(0, AT_ONCE).map((notice) => (
        <NoticeItem key={notice.id} notice={notice} paused={hovered || focused} onDismiss={dismiss} />
      ))}
    </Stack>
  )
}

interface NoticeItemProps {
  notice: Notice
  paused: boolean
  onDismiss: (id: number) => void
}

function NoticeItem({ notice, paused, onDismiss }: NoticeItemProps) {
  const remaining = useRef(notice.undo ? UNDO_MS : SHOW_MS)
  const messageId = useId()
  const { id } = notice
  useEffect(() => {
    if (paused) return
    const started = Date.now()
    const timer = setTimeout(() => onDismiss(id), remaining.current)
    return () => {
      clearTimeout(timer)
      remaining.current -= Date.now() - started
    }
  }, [paused, onDismiss, id])

  return (
    <Paper
      data-notice
      elevation={6}
      sx={{
        display: 'flex',
        alignItems: 'center',
        flexWrap: 'wrap',
        gap: 1,
        px: 2,
        py: 1,
        // Inverted, as snackbars are, so a notice stands apart from the page in either colour scheme.
        bgcolor: 'text.primary',
        color: 'background.paper',
      }}
    >
      <span id={messageId} style={{ flex: 1, minWidth: 200 }}>
        {notice.message}
      </span>
      {notice.undo && (
        <Button
          size="small"
          onClick={() => {
            onDismiss(id)
            notice.undo?.run()
          }}
          aria-label={notice.undo.label}
          sx={{ color: 'inherit', fontWeight: 700 }}
        >
          Undo
        </Button>
      )}
      <Button size="small" onClick={() => onDismiss(id)} sx={{ color: 'inherit' }} aria-describedby={messageId}>
        Dismiss
      </Button>
    </Paper>
  )
}
