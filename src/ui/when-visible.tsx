import { useEffect, useRef, useState, type ReactNode } from 'react'

/**
 * Its children once its place on the page has come near the screen: a part below the fold (a chart, say) costs
 * nothing to a visit that never scrolls to it. Where the browser cannot say (no IntersectionObserver), at once.
 */
export function WhenVisible({ children, minHeight = 200 }: { children: ReactNode; minHeight?: number }) {
  const [shown, setShown] = useState(() => typeof IntersectionObserver === 'undefined')
  const place = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (shown || !place.current) return
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setShown(true)
      },
      { rootMargin: '200px' },
    )
    observer.observe(place.current)
    return () => observer.disconnect()
  }, [shown])
  return shown ? children : <div ref={place} style={{ minHeight }} />
}
