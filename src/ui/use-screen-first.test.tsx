import { render, screen, waitFor } from '@testing-library/react'
import { useLayoutEffect } from 'react'
import { useScreenFirst } from './use-screen-first'

describe('useScreenFirst', () => {
  it('draws a first screen of a long list in its first render, and every row just after', async () => {
    const drawn: number[] = []
    function List({ rows }: { rows: readonly string[] }) {
      const shown = useScreenFirst(rows)
      useLayoutEffect(() => void drawn.push(shown.length))
      return (
        <ul>
          {shown.map((row) => (
            <li key={row}>{row}</li>
          ))}
        </ul>
      )
    }
    const rows = Array.from({ length: 100 }, (_, n) => `pool-${n}`)
    render(<List rows={rows} />)
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(100))
    expect(drawn[0]).toBe(20)
    expect(screen.getAllByRole('listitem')[0]).toHaveTextContent('pool-0')
  })

  it('draws a short list whole at once', () => {
    function List({ rows }: { rows: readonly string[] }) {
      return <p>{useScreenFirst(rows).length}</p>
    }
    render(<List rows={['a', 'b']} />)
    expect(screen.getByText('2')).toBeInTheDocument()
  })
})
