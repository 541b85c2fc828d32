import { nextOffset, readAllPages, type Page } from './paging'

/** A stand-in for GET /v3/ips over `total` numbered items, giving at most `cap` a page, recording the offsets asked. */
function account(
  total: number,
  { cap = 500, links = false, failAt }: { cap?: number; links?: boolean; failAt?: number } = {},
) {
  const asked: number[] = []
  const readPage = async (offset: number): Promise<Page<number>> => {
    asked.push(offset)
    if (failAt !== undefined && asked.length === failAt) throw new Error('SendGrid had a problem (500)')
    const items = Array.from({ length: Math.max(0, Math.min(cap, total - offset)) }, (_, i) => offset + i)
    const end = offset + items.length
    return { items, next: links ? (end < total ? end : null) : undefined }
  }
  return { readPage, asked }
}

const expectAll = (items: number[], total: number) => expect(items).toEqual(Array.from({ length: total }, (_, i) => i))

describe('readAllPages', () => {
  it('reads a server that gives 200 of the 500 asked, without Link headers, to the last item', async () => {
    const { readPage, asked } = account(1200, { cap: 200 })
    expectAll(await readAllPages(readPage, { pagesAtOnce: 4, key: String }), 1200)
    // First page alone, then four at a time by the page size seen, until an empty page.
    expect(asked).toEqual([0, 200, 400, 600, 800, 1000, 1200, 1400, 1600])
  })

  it('follows Link headers and stops where they name no next page', async () => {
    const { readPage, asked } = account(1200, { cap: 500, links: true })
    expectAll(await readAllPages(readPage, { pagesAtOnce: 4, key: String }), 1200)
    expect(asked).toEqual([0, 500, 1000, 1500, 2000])
  })

  it('reads a small account in one request when the server says there is no next page', async () => {
    const { readPage, asked } = account(25, { links: true })
    expectAll(await readAllPages(readPage, { pagesAtOnce: 4, key: String }), 25)
    expect(asked).toEqual([0])
  })

  it('answers an empty first page with an empty list', async () => {
    const { readPage, asked } = account(0)
    expect(await readAllPages(readPage, { pagesAtOnce: 4, key: String })).toEqual([])
    expect(asked).toEqual([0])
  })

  it('reads again from where a short page ended, so nothing in between is skipped', async () => {
    // A server whose pages shrink as it goes: 300, then 100 a page.
    const asked: number[] = []
    const readPage = async (offset: number): Promise<Page<number>> => {
      asked.push(offset)
      const size = offset === 0 ? 300 : 100
      return {
        items: Array.from({ length: Math.max(0, Math.min(size, 1000 - offset)) }, (_, i) => offset + i),
        next: undefined,
      }
    }
    expectAll(await readAllPages(readPage, { pagesAtOnce: 4, key: String }), 1000)
  })

  it('fails as a whole when a page fails, never with a partial list', async () => {
    const { readPage } = account(1200, { cap: 200, failAt: 3 })
    await expect(readAllPages(readPage, { pagesAtOnce: 4, key: String })).rejects.toThrow(
      'SendGrid had a problem (500)',
    )
  })

  it('stops at a page with nothing new, as from a mock that answers every offset with the same page', async () => {
    const asked: number[] = []
    const readPage = async (offset: number): Promise<Page<number>> => {
      asked.push(offset)
      return { items: [1, 2], next: undefined }
    }
    expect(await readAllPages(readPage, { pagesAtOnce: 4, key: String })).toEqual([1, 2])
    expect(asked).toEqual([0, 2, 4, 6, 8])
  })

  it('gives up, in words, on a server that never ends', async () => {
    let n = 0
    const readPage = async (): Promise<Page<number>> => ({ items: [n++, n++, n++], next: undefined })
    await expect(readAllPages(readPage, { pagesAtOnce: 4, key: String, maxPages: 20 })).rejects.toThrow(
      /did not end after 21 pages/,
    )
  })
})

describe('nextOffset', () => {
  it('reads the offset of rel="next", null when only other pages are named, undefined without a header', () => {
    expect(nextOffset('</v3/ips?limit=500&offset=500>; rel="next", </v3/ips?limit=500&offset=0>; rel="first"')).toBe(
      500,
    )
    expect(nextOffset('<https://api.sendgrid.com/v3/ips?offset=1000&limit=500>; rel=next')).toBe(1000)
    expect(nextOffset('</v3/ips?limit=500&offset=0>; rel="first"')).toBeNull()
    expect(nextOffset(null)).toBeUndefined()
    expect(nextOffset('')).toBeUndefined()
  })
})
