// Requests made to read an account's IP inventory, for npm run bench (printed as JSON): SendGrid as it answers
// (Link headers, pages as large as asked) and a server that gives at most 200 a page with no Link headers, for
// accounts of 25, 1,200 and 5,000 IPs. It runs the app's own paging (src/lib/paging.ts) against a stand-in that
// counts requests and the round trips they take.
import { ACCOUNT_IPS_PAGES_AT_ONCE, readAllPages, type Page } from '../src/shared/paging'
import { ACCOUNT_IPS_PAGE_SIZE } from '../src/shared/account-ips-paging'

async function count(total: number, cap: number, links: boolean) {
  let requests = 0
  let roundTrips = 0
  let inFlight = 0
  const readPage = async (offset: number): Promise<Page<number>> => {
    requests += 1
    if (inFlight++ === 0) roundTrips += 1 // a batch's requests go out together
    await new Promise((done) => setTimeout(done, 1))
    inFlight -= 1
    const length = Math.max(0, Math.min(cap, ACCOUNT_IPS_PAGE_SIZE, total - offset))
    const end = offset + length
    return { items: Array.from({ length }, (_, i) => offset + i), next: links ? (end < total ? end : null) : undefined }
  }
  const items = await readAllPages(readPage, { pagesAtOnce: ACCOUNT_IPS_PAGES_AT_ONCE, key: String })
  if (items.length !== total) throw new Error(`read ${items.length} of ${total}`)
  return { requests, roundTrips }
}

const results: Record<string, { requests: number; roundTrips: number }> = {}
for (const total of [25, 1200, 5000]) {
  results[`sendgrid-${total}`] = await count(total, Infinity, true)
  results[`capped200-${total}`] = await count(total, 200, false)
}
console.log(JSON.stringify(results))
