/**
 * Reading a list SendGrid pages by limit and offset, all of it. SendGrid documents no largest page and gives no
 * total, so a page shorter than the limit asked for proves nothing: the end is a Link header without rel="next",
 * or, where there is no Link header, an empty page. Offsets advance by what came back, never by what was asked.
 */

/** The account's IPs: pages read at once after the first (their size: shared/account-ips-paging.ts). */
export const ACCOUNT_IPS_PAGES_AT_ONCE = 5

export interface Page<T> {
  items: T[]
  /** From the Link header: the next page's offset, null when it says there is none, undefined without the header. */
  next: number | null | undefined
}

/** The offset of the Link header's rel="next", null when the header names none, undefined without a header. */
export function nextOffset(link: string | null): number | null | undefined {
  if (link === null || link.trim() === '') return undefined
  for (const part of link.split(',')) {
    const match = part.match(/<([^>]*)>\s*;(.*)$/)
    if (!match || !/\brel="?next"?/i.test(match[2] ?? '')) continue
    const offset = Number(new URL(match[1] ?? '', 'http://link.invalid').searchParams.get('offset'))
    return Number.isInteger(offset) && offset >= 0 ? offset : null
  }
  return null
}

/**
 * Reads pages until the end, each item once (by `key`: pages read while the list changes may overlap). The first page is read alone, so a small account takes one round trip; after it, as
 * many pages as the server turned out to give are read `pagesAtOnce` at a time, each at the offset it would have if
 * every page before it were full. A page that comes back short makes the pages after it in that batch worthless,
 * and reading starts again where it ended.
 */
export async function readAllPages<T>(
  readPage: (offset: number) => Promise<Page<T>>,
  { pagesAtOnce, key, maxPages = 1000 }: { pagesAtOnce: number; key: (item: T) => string; maxPages?: number },
): Promise<T[]> {
  const all: T[] = []
  const seen = new Set<string>()
  let offset = 0
  let pageSize = 0
  let read = 0
  for (let batch = 1; ; batch = pagesAtOnce) {
    // A server that ignored the offset would send the same page for ever.
    if (read >= maxPages)
      throw new Error(`The list did not end after ${read} pages; the server may be ignoring offsets.`)
    const offsets = Array.from({ length: pageSize > 0 ? batch : 1 }, (_, i) => offset + i * pageSize)
    const pages = await Promise.all(offsets.map(readPage))
    read += pages.length
    for (const [i, page] of pages.entries()) {
      if (offsets[i] !== offset) break // a page before this one came back short
      const fresh = page.items.filter((item) => !seen.has(key(item)) && Boolean(seen.add(key(item))))
      all.push(...fresh)
      offset += page.items.length
      if (page.items.length === 0 || page.next === null) return all
      // Nothing new in a whole page: the server is not paging (a mock answering every offset alike). Stop here.
      if (fresh.length === 0) return all
      if (page.next !== undefined && page.next !== offset) {
        offset = page.next // the server knows its own paging best
        break
      }
      pageSize = Math.max(pageSize, page.items.length)
    }
  }
}
