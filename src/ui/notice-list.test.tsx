import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Notice } from './notice'
import NoticeList from './notice-list'

describe('NoticeList', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }))
  afterEach(() => vi.useRealTimers())

  it('lets the other notices expire once the one clicked has gone', async () => {
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime })
    const onDismiss = vi.fn()
    const undo = vi.fn()
    const first: Notice = { id: 1, message: 'IP removed', undo: { label: 'Undo removal of 192.0.2.1', run: undo } }
    const second: Notice = { id: 2, message: 'Pool created' }
    const { rerender } = render(<NoticeList notices={[first, second]} onDismiss={onDismiss} />)
    await user.click(screen.getByRole('button', { name: 'Undo removal of 192.0.2.1' }))
    expect(onDismiss).toHaveBeenCalledWith(1)
    expect(undo).toHaveBeenCalled()
    await user.unhover(screen.getByText('Pool created'))
    rerender(<NoticeList notices={[second]} onDismiss={onDismiss} />)
    act(() => vi.advanceTimersByTime(6000))
    expect(onDismiss).toHaveBeenCalledWith(2)
  })

  it('keeps a notice while the pointer is on it', async () => {
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime })
    const onDismiss = vi.fn()
    render(<NoticeList notices={[{ id: 1, message: 'Pool created' }]} onDismiss={onDismiss} />)
    await user.hover(screen.getByText('Pool created'))
    act(() => vi.advanceTimersByTime(60_000))
    expect(onDismiss).not.toHaveBeenCalled()
    await user.unhover(screen.getByText('Pool created'))
    act(() => vi.advanceTimersByTime(6000))
    expect(onDismiss).toHaveBeenCalledWith(1)
  })
})
