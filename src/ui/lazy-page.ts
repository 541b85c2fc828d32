import { createElement, lazy, useState, type ComponentType } from 'react'

/**
 * A page whose code is loaded when it is first shown, or before, with `preload`. One loaded before its first render is
 * drawn at once. One that is not suspends: its fallback shows, and React then holds the page back until 300 ms after
 * that fallback (the throttle that keeps fallbacks from flashing), however soon its code comes.
 */
export function lazyPage<Props extends object>(load: () => Promise<{ default: ComponentType<Props> }>) {
  let loaded: ComponentType<Props> | undefined
  const Lazy = lazy(load)
  function Page(props: Props) {
    // Chosen once: a page mounted through Lazy stays with it, rather than being mounted again when its code comes.
    const [Component] = useState(() => loaded ?? Lazy)
    return createElement(Component, props)
  }
  const preload = () =>
    load().then((module) => {
      loaded = module.default
    })
  return Object.assign(Page, { preload })
}
