/** The account's layout saved as a file, its schema named so an editor checks what is typed. */
import { LAYOUT_SCHEMA_PATH, layoutText } from '../shared/layout-file'
import { exportLayout } from './api'
import { download } from '../lib/download'

export async function exportLayoutFile(context: boolean): Promise<number> {
  const layout = await exportLayout(context)
  const file = layoutText({ $schema: new URL(LAYOUT_SCHEMA_PATH, window.location.origin).href, ...layout })
  download(`ip-pools-layout-${new Date().toISOString().slice(0, 10)}.json`, file)
  return layout.pools.length
}
