import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Suspense, useState } from 'react'
import { lazyPage } from './lazy-page'

function Counter({ label }: { label: string }) {
  const [count, setCount] = useState(0)
  return <button onClick={() => setCount(count + 1)}>{`${label} ${count}`}</button>
}

/** A page's code that arrives when the test says so, counting how often it was asked for. */
function deferredModule() {
  let arrive!: () => void
  const module = new Promise<{ default: typeof Counter }>((done) => (arrive = () => done({ default: Counter })))
  const load = vi.fn(() => module)
  return { load, arrive: () => act(async () => arrive()) }
}

const page = (Page: typeof Counter) => (
  <Suspense fallback={<p>Loading page</p>}>
    <Page label="Clicked" />
  </Suspense>
)

describe('a page loaded later', () => {
  it('is drawn in its first render, with no fallback, once preloaded', async () => {
    const { load, arrive } = deferredModule()
    const Page = lazyPage(load)
    const preloaded = Page.preload()
    await arrive()
    await preloaded
    render(page(Page))
    expect(screen.getByRole('button', { name: 'Clicked 0' })).toBeInTheDocument()
    expect(screen.queryByText('Loading page')).not.toBeInTheDocument()
  })

  it('shows the fallback until its code comes when not preloaded, and is not mounted again by a later preload', async () => {
    const { load, arrive } = deferredModule()
    const Page = lazyPage(load)
    const { rerender } = render(page(Page))
    expect(screen.getByText('Loading page')).toBeInTheDocument()
    await arrive()
    await userEvent.click(await screen.findByRole('button', { name: 'Clicked 0' }))
    await act(() => Page.preload())
    rerender(page(Page))
    // Still the same page: its state survived.
    expect(screen.getByRole('button', { name: 'Clicked 1' })).toBeInTheDocument()
    expect(load).toHaveBeenCalledTimes(2) // one module, asked for by each path (the browser loads it once)
  })
})
