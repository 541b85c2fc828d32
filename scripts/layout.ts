// The pool layout from a pipeline: export, plan and apply a layout file against a dashboard server, with the same
// engine the dashboard uses (the server plans and applies; this reads the file at the door and prints).
//
//   npm run layout -- export [FILE] [--context]     the account's layout, to FILE or standard output
//   npm run layout -- plan FILE [--json]            exit 0: no changes; 2: changes; 1: the file cannot be applied
//   npm run layout -- apply FILE                    plans, applies, follows it to the end; exit 0 done, 1 not
//
// DASHBOARD_URL (default http://localhost:4173) names the server; DASHBOARD_TOKEN is an access token an admin made on
// the dashboard (Layout › Access tokens), scoped to layout for apply. A server without sign-in needs none.
import { readFile, writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import {
  LAYOUT_APPLIES_PATH,
  LAYOUT_PATH,
  LAYOUT_PLAN_PATH,
  type ApplyView,
  type LayoutRefusal,
  type PlanView,
} from '../src/shared/layout-api.ts'
import { layoutText, readLayoutText, LAYOUT_SCHEMA_PATH, type LayoutFile } from '../src/shared/layout-file.ts'
import { planText, stepText } from '../src/shared/layout-text.ts'

export interface Io {
  env: Record<string, string | undefined>
  out: (text: string) => void
  err: (text: string) => void
  /** Pause between reads of a running apply. */
  sleep?: (ms: number) => Promise<void>
}

const USAGE = 'Usage: npm run layout -- export [FILE] [--context] | plan FILE [--json] | apply FILE'

class Refused extends Error {}

export async function main(argv: string[], io: Io): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, context: { type: 'boolean' } },
    })
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}\n`)
    return 1
  }
  const [command, file] = parsed.positionals
  const base = (io.env.DASHBOARD_URL ?? 'http://localhost:4173').replace(/\/+$/, '')
  const token = io.env.DASHBOARD_TOKEN

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let answer: Response
    try {
      answer = await fetch(`${base}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      })
    } catch (error) {
      throw new Refused(
        `Could not reach the dashboard at ${base}: ${(error as Error).cause ?? (error as Error).message}`,
      )
    }
    const text = await answer.text()
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      throw new Refused(`The dashboard at ${base} answered ${answer.status} with something that is not JSON.`)
    }
    if (answer.ok) return json as T
    const refusal = json as LayoutRefusal | undefined
    const problems = (refusal?.problems ?? []).map((problem) => `  ${problem.at || 'file'}: ${problem.message}`)
    const said = refusal?.errors?.[0]?.message ?? `The dashboard answered ${answer.status}.`
    throw new Refused([said, ...problems].join('\n'))
  }

  async function layoutFrom(path: string | undefined): Promise<LayoutFile> {
    if (!path) throw new Refused(`Name the layout file.\n${USAGE}`)
    let text
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      throw new Refused(`Cannot read ${path}: ${(error as Error).message}`)
    }
    const read = readLayoutText(text)
    if (read.problems)
      throw new Refused(
        [`${path} has problems:`, ...read.problems.map((p) => `  ${p.at || 'file'}: ${p.message}`)].join('\n'),
      )
    return read.layout
  }

  try {
    switch (command) {
      case 'export': {
        const layout = await call<LayoutFile>('GET', `${LAYOUT_PATH}${parsed.values.context ? '?context=true' : ''}`)
        const text = layoutText({ $schema: `${base}${LAYOUT_SCHEMA_PATH}`, ...layout })
        if (file) {
          await writeFile(file, text)
          io.err(`Wrote the layout of ${layout.pools.length} pools to ${file}.\n`)
        } else io.out(text)
        return 0
      }
      case 'plan': {
        const { plan, refusals } = await call<PlanView>('POST', LAYOUT_PLAN_PATH, { layout: await layoutFrom(file) })
        io.out(parsed.values.json ? `${JSON.stringify({ plan, refusals }, null, 2)}\n` : planText(plan))
        if (refusals.length) return 1
        return plan.steps.length ? 2 : 0
      }
      case 'apply':
        return await apply(await layoutFrom(file))
      default:
        io.err(`${USAGE}\n`)
        return 1
    }
  } catch (error) {
    if (!(error instanceof Refused)) throw error
    io.err(`${error.message}\n`)
    return 1
  }

  async function apply(layout: LayoutFile): Promise<number> {
    const { plan, refusals } = await call<PlanView>('POST', LAYOUT_PLAN_PATH, { layout })
    io.out(planText(plan))
    if (refusals.length) return 1
    if (!plan.steps.length) return 0
    let view = await call<ApplyView>('POST', LAYOUT_APPLIES_PATH, { layout, basedOn: plan.basedOn })
    io.out(`\nApplying (apply ${view.id})…\n`)
    let said = 0
    const sleep = io.sleep ?? ((ms: number) => new Promise((done) => setTimeout(done, ms)))
    for (;;) {
      for (; said < view.steps.length && view.steps[said]!.state !== 'pending'; said += 1) {
        const step = view.steps[said]!
        io.out(`  ${step.state.padEnd(7)} ${stepText(step.change)}${step.message ? `: ${step.message}` : ''}\n`)
      }
      if (view.status !== 'running') break
      await sleep(500)
      view = await call<ApplyView>('GET', `${LAYOUT_APPLIES_PATH}/${view.id}`)
    }
    io.out(`\n${view.status === 'done' ? 'Applied' : 'Not applied whole'}: ${view.message ?? view.status}\n`)
    return view.status === 'done' ? 0 : 1
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const code = await main(process.argv.slice(2), {
    env: process.env,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  })
  process.exitCode = code
}
