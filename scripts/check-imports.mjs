// Part of `npm run lint`: arrows run one way. ESLint's no-cycle skips type-only imports and cannot see rooms, so this
// reads every import of src/ and server/ (type-only and lazy ones included) and fails on a circle of files, or on
// two rooms (src/pools, src/ips, ...) that reach each other, however indirectly. Tests may reach anywhere.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

const ROOT = resolve(import.meta.dirname, '..')
const FOLDERS = ['src', 'server']

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx)$/.test(name) && !/\.(test|d)\.tsx?$/.test(name) && !name.endsWith('.test.tsx') ? [path] : []
  })
}

/** The file a relative import names, as TypeScript would find it; undefined for packages. */
function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined
  const base = resolve(dirname(from), specifier)
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]
  return candidates.find((path) => existsSync(path) && statSync(path).isFile())
}

const files = FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)))
const imports = new Map(
  files.map((file) => {
    // Every import: static, type-only, re-exports and import() alike.
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    return [file, [...new Set(importedFiles.map(({ fileName }) => resolveImport(file, fileName)).filter(Boolean))]]
  }),
)

/** Strongly connected groups of a graph with more than one member (Tarjan): each is a circle. */
function circles(nodes, edgesOf) {
  let index = 0
  const at = new Map()
  const low = new Map()
  const stack = []
  const onStack = new Set()
  const found = []
  const visit = (node) => {
    at.set(node, index)
    low.set(node, index)
    index += 1
    stack.push(node)
    onStack.add(node)
    for (const next of edgesOf(node)) {
      if (!at.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node), low.get(next)))
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), at.get(next)))
    }
    if (low.get(node) !== at.get(node)) return
    const group = []
    let member
    do {
      member = stack.pop()
      onStack.delete(member)
      group.push(member)
    } while (member !== node)
    if (group.length > 1) found.push(group)
  }
  for (const node of nodes) if (!at.has(node)) visit(node)
  return found
}

/** A file's room: src/<folder> (src/main.tsx and the like are the app's), or server. */
const roomOf = (file) => {
  const [top, folder] = relative(ROOT, file).split('/')
  return top === 'src' && !folder.includes('.') ? `src/${folder}` : top === 'src' ? 'src/app' : top
}
const rooms = [...new Set(files.map(roomOf))]
const roomEdges = new Map(rooms.map((room) => [room, new Set()]))
for (const [file, targets] of imports)
  for (const target of targets) if (roomOf(target) !== roomOf(file)) roomEdges.get(roomOf(file)).add(roomOf(target))

const problems = [
  ...circles(files, (file) => imports.get(file) ?? []).map(
    (group) => `Files import each other in a circle: ${group.map((file) => relative(ROOT, file)).join(' -> ')}`,
  ),
  ...circles(rooms, (room) => roomEdges.get(room)).map(
    (group) => `Rooms reach each other: ${group.join(' <-> ')} (one must sit above the other)`,
  ),
]
for (const problem of problems) console.error(problem)
if (problems.length > 0) process.exit(1)
console.log(`Imports run one way: ${files.length} files, ${rooms.length} rooms, no circle.`)
