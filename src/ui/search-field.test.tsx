import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { SearchField } from './search-field'

/** The owner of the value applies the box's changes only when told to, as a transition that has not committed yet. */
function SlowOwner() {
  const [value, setValue] = useState('')
  const [sent, setSent] = useState<string[]>([])
  return (
    <>
      <SearchField label="Search" value={value} onChange={(text) => setSent((all) => [...all, text])} />
      {sent.map((text, i) => (
        <button key={i} type="button" onClick={() => setValue(text)}>
          {`apply ${text}`}
        </button>
      ))}
      <button type="button" onClick={() => setValue('from elsewhere')}>
        navigate
      </button>
    </>
  )
}

describe('SearchField', () => {
  it('shows each keystroke before the value it reports has come back', async () => {
    const user = userEvent.setup()
    render(<SlowOwner />)
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'abc')
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('abc')
  })

  it('keeps later typing when an earlier value it sent comes back', async () => {
    const user = userEvent.setup()
    render(<SlowOwner />)
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'abc')
    await user.click(screen.getByRole('button', { name: 'apply ab' }))
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('abc')
  })

  it('shows a value it did not send, such as one the back button brings', async () => {
    const user = userEvent.setup()
    render(<SlowOwner />)
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'abc')
    await user.click(screen.getByRole('button', { name: 'navigate' }))
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('from elsewhere')
  })
})
