export const PRODUCT_NAME = 'IP Pool Manager'

/** A page's browser-tab title: what the page shows, then the product. */
export const pageTitle = (what: string) => `${what} · ${PRODUCT_NAME}`
