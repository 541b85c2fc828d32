/**
 * Does mail name a pool that exists? SendGrid silently ignores an `ip_pool_name` that names no pool and sends the
 * mail through other IPs, so a typo or a rename moves mail without a word. This finds the pool name in what a
 * sender uses (a bare name, a Mail Send JSON body or an X-SMTPAPI header) and compares it with the pools, exactly:
 * case and spaces included, as SendGrid does.
 */

export type NameSource = 'name' | 'mail-send' | 'smtp-header'

export type NameCheck =
  | { kind: 'empty' }
  /** The text is JSON (or a header) that names no pool, or cannot be read. */
  | { kind: 'no-name'; source: NameSource; unreadable: boolean }
  | { kind: 'match'; name: string; source: NameSource }
  | { kind: 'no-match'; name: string; source: NameSource; closest: Closest[] }

interface Closest {
  pool: string
  /** How it differs, when only in case or spaces: the likeliest mistakes. */
  differs: 'case' | 'spaces' | 'case and spaces' | null
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const stringField = (value: unknown, field: string): string | undefined => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const found = (value as Record<string, unknown>)[field]
  return typeof found === 'string' ? found : undefined
}

/** The pool name in a bare name, a Mail Send body (ip_pool_name) or an X-SMTPAPI header or its JSON (ip_pool). */
function findPoolName(input: string): NameCheck | { kind: 'found'; name: string; source: NameSource } {
  const text = input.replace(/^\r?\n+|\r?\n+$/g, '') // line breaks around a pasted name are not part of it
  if (text.trim() === '') return { kind: 'empty' }
  const header = text.match(/^\s*X-SMTPAPI\s*:\s*([\s\S]*)$/i)
  if (header) {
    const json = parseJson(header[1]!)
    const name = stringField(json, 'ip_pool')
    return name === undefined
      ? { kind: 'no-name', source: 'smtp-header', unreadable: json === undefined }
      : { kind: 'found', name, source: 'smtp-header' }
  }
  if (text.trim().startsWith('{')) {
    const json = parseJson(text)
    const mailSend = stringField(json, 'ip_pool_name')
    if (mailSend !== undefined) return { kind: 'found', name: mailSend, source: 'mail-send' }
    const smtp = stringField(json, 'ip_pool')
    if (smtp !== undefined) return { kind: 'found', name: smtp, source: 'smtp-header' }
    return { kind: 'no-name', source: 'mail-send', unreadable: json === undefined }
  }
  return { kind: 'found', name: text, source: 'name' }
}

/** Edit distance, for suggesting the pool a mistyped name meant. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length]!
}

function differs(name: string, pool: string): Closest['differs'] {
  const squash = (s: string) => s.replace(/\s+/g, '')
  if (name.toLowerCase() === pool.toLowerCase()) return 'case'
  if (squash(name) === squash(pool)) return 'spaces'
  if (squash(name).toLowerCase() === squash(pool).toLowerCase()) return 'case and spaces'
  return null
}

export function checkPoolName(input: string, pools: readonly string[]): NameCheck {
  const found = findPoolName(input)
  if (found.kind !== 'found') return found
  const { name, source } = found
  if (pools.includes(name)) return { kind: 'match', name, source }
  const closest = pools
    .map((pool) => ({ pool, differs: differs(name, pool), far: distance(name.toLowerCase(), pool.toLowerCase()) }))
    .filter(({ differs: how, far }) => how !== null || far <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => Number(a.differs === null) - Number(b.differs === null) || a.far - b.far)
    .slice(0, 3)
    .map(({ pool, differs: how }) => ({ pool, differs: how }))
  return { kind: 'no-match', name, source, closest }
}
