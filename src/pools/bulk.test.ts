import { ApiError } from '../lib/api-client'
import { addEach, moveIp } from './bulk'
import { describeMove, summariseAdds } from './bulk-messages'

const refused = (message: string) => new ApiError(400, [{ field: 'ip', message }])

describe('adding several IPs', () => {
  it('tries every IP, one after another, and reports each', async () => {
    const calls: string[] = []
    const results = await addEach(['192.0.2.1', '192.0.2.2', '192.0.2.3'], async (ip) => {
      calls.push(ip)
      if (ip === '192.0.2.2') throw refused('192.0.2.2 is already in this pool.')
    })
    expect(calls).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.3'])
    expect(summariseAdds('marketing', results)).toEqual({
      added: ['192.0.2.1', '192.0.2.3'],
      failed: [{ ip: '192.0.2.2', reason: '192.0.2.2 is already in this pool.' }],
      message: 'Added 192.0.2.1, 192.0.2.3; 1 not added.',
    })
  })

  it('says so plainly when all or none went in', () => {
    expect(summariseAdds('m', [{ ip: '192.0.2.1' }]).message).toBe('192.0.2.1 added to “m”')
    expect(summariseAdds('m', [{ ip: 'a' }, { ip: 'b' }]).message).toBe('2 IPs added to “m”')
    expect(summariseAdds('m', [{ ip: 'a', error: refused('x') }]).message).toBe('a was not added.')
    expect(
      summariseAdds('m', [
        { ip: 'a', error: refused('x') },
        { ip: 'b', error: refused('y') },
      ]).message,
    ).toBe('None of the 2 IPs was added.')
  })
})

describe('moving an IP', () => {
  const move = { ip: '192.0.2.1', from: 'old', to: 'new' }

  it('adds to the target, then removes from the source', async () => {
    const calls: string[] = []
    const outcome = await moveIp(move, {
      add: async (pool, ip) => void calls.push(`add ${ip} to ${pool}`),
      remove: async (pool, ip) => void calls.push(`remove ${ip} from ${pool}`),
    })
    expect(outcome).toEqual({ status: 'moved' })
    expect(calls).toEqual(['add 192.0.2.1 to new', 'remove 192.0.2.1 from old'])
    expect(describeMove(move, outcome)).toBe('192.0.2.1 moved from “old” to “new”')
  })

  it('changes nothing when the add fails', async () => {
    const removed: string[] = []
    const outcome = await moveIp(move, {
      add: async () => {
        throw refused('not allowed')
      },
      remove: async (pool) => void removed.push(pool),
    })
    expect(outcome.status).toBe('not-moved')
    expect(removed).toEqual([])
    expect(describeMove(move, outcome)).toBe('Nothing changed: 192.0.2.1 could not be added to “new”. not allowed')
  })

  it('says the IP is in both pools when only the remove fails, and finishes on a retry without adding again', async () => {
    const outcome = await moveIp(move, {
      add: async () => {},
      remove: async () => {
        throw new ApiError(503, [{ field: null, message: 'Service unavailable' }])
      },
    })
    expect(outcome.status).toBe('half-moved')
    expect(describeMove(move, outcome)).toMatch(
      /added to “new” but could not be removed from “old”, so it is in both pools now/,
    )

    const adds: string[] = []
    const retry = await moveIp(
      { ...move, added: true },
      { add: async (pool) => void adds.push(pool), remove: async () => {} },
    )
    expect(retry).toEqual({ status: 'moved' })
    expect(adds).toEqual([])
  })
})

describe('a rate limit in the middle of a change of several calls', () => {
  const tooMany = () =>
    new ApiError(429, [{ field: null, message: 'too many requests' }], Date.now() + 30 /* the limit lifts soon */)

  it('is waited out: every IP goes in, each sent again only after its 429', async () => {
    const sent: string[] = []
    let limited = false
    const results = await addEach(['192.0.2.1', '192.0.2.2', '192.0.2.3'], async (ip) => {
      sent.push(ip)
      if (ip === '192.0.2.2' && !limited) {
        limited = true
        throw tooMany()
      }
      return ip
    })
    expect(results).toEqual([
      { ip: '192.0.2.1', value: '192.0.2.1' },
      { ip: '192.0.2.2', value: '192.0.2.2' },
      { ip: '192.0.2.3', value: '192.0.2.3' },
    ])
    expect(sent).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.2', '192.0.2.3'])
  })

  it('carries a move on past a 429 on either step, adding once and removing once', async () => {
    const calls: string[] = []
    const limitedOnce = new Set<string>()
    const step = (name: string) => async () => {
      calls.push(name)
      if (!limitedOnce.has(name)) {
        limitedOnce.add(name)
        throw tooMany()
      }
    }
    const outcome = await moveIp({ ip: '192.0.2.1', from: 'a', to: 'b' }, { add: step('add'), remove: step('remove') })
    expect(outcome).toEqual({ status: 'moved' })
    expect(calls).toEqual(['add', 'add', 'remove', 'remove'])
  })

  it('reports the IP when the limit does not lift', async () => {
    const results = await addEach(['192.0.2.9'], async () => {
      throw new ApiError(429, [{ field: null, message: 'too many requests' }], Date.now())
    })
    expect(results[0]!.error).toBeInstanceOf(ApiError)
  })
})
