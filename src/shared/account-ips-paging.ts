/**
 * How the app asks for the account's IPs, a page at a time; the production server preloads the first page the same
 * way, so the two must not drift apart.
 */

/**
 * The limit asked for each page (SendGrid may give fewer: the offsets then follow what came). A page of a thousand is
 * about 300 KB; 5,000 IPs then take two round trips.
 */
export const ACCOUNT_IPS_PAGE_SIZE = 1000

/** The query of the page at `offset`, in the order it is sent. */
export function accountIpsPage(offset: number): Record<string, string> {
  return { limit: String(ACCOUNT_IPS_PAGE_SIZE), offset: String(offset) }
}
