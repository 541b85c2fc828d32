/** A plan in words: each step, the plan grouped by pool, its summary, and the whole as text for a terminal. */
import type { Change, Plan, Step } from './layout-plan.ts'

const count = (n: number) => n.toLocaleString('en-US')

/** Whether a plan may be applied: it changes something, and neither it nor any step is refused. */
export function planRefusals(plan: Plan): string[] {
  const refused = plan.steps.flatMap((step) =>
    step.warnings.filter((warning) => warning.refused).map((warning) => `${stepText(step)}: ${warning.message}`),
  )
  return [...plan.problems, ...refused]
}

export function stepText(step: Change): string {
  switch (step.kind) {
    case 'create':
      return `create pool “${step.pool}”`
    case 'rename':
      return `rename pool “${step.pool}” to “${step.to}”`
    case 'delete':
      return `delete pool “${step.pool}”`
    case 'add':
      return `add ${step.ip} to “${step.pool}”${step.from ? ` (moves from ${step.from.map((p) => `“${p}”`).join(', ')})` : ''}`
    case 'remove':
      return `remove ${step.ip} from “${step.pool}”${step.to ? ` (moves to ${step.to.map((p) => `“${p}”`).join(', ')})` : ''}`
  }
}

/** The pool a step is shown under: a rename under its new name. */
export const poolOfStep = (step: Change) => (step.kind === 'rename' ? step.to : step.pool)

/** Steps grouped by pool, pools in the order their first step is sent. */
export function planGroups(plan: Pick<Plan, 'steps'>): { pool: string; steps: Step[] }[] {
  const groups = new Map<string, Step[]>()
  for (const step of plan.steps) groups.set(poolOfStep(step), [...(groups.get(poolOfStep(step)) ?? []), step])
  return [...groups].map(([pool, steps]) => ({ pool, steps }))
}

/** "2 pools to create, 5 IPs to add, 1 pool to delete": a plan's changes counted by kind. */
export function planSummary(steps: readonly Change[]): string {
  const by = (kind: Change['kind']) => steps.filter((step) => step.kind === kind).length
  const parts = [
    [by('create'), 'pool', 'to create'],
    [by('rename'), 'pool', 'to rename'],
    [by('add'), 'IP', 'to add'],
    [by('remove'), 'IP', 'to remove'],
    [by('delete'), 'pool', 'to delete'],
  ] as const
  const said = parts.filter(([n]) => n > 0).map(([n, noun, verb]) => `${count(n)} ${noun}${n === 1 ? '' : 's'} ${verb}`)
  return said.length ? said.join(', ') : 'No changes: the account already matches the layout'
}

/** The plan as text, for a terminal or a pull request: grouped by pool, a mark for each kind, warnings beneath. */
export function planText(plan: Plan): string {
  const marks: Record<Change['kind'], string> = { create: '+', rename: '~', add: '+', remove: '-', delete: '-' }
  const lines = [`${planSummary(plan.steps)}.`]
  for (const { pool, steps } of planGroups(plan)) {
    lines.push('', `Pool “${pool}”`)
    for (const step of steps) {
      lines.push(`  ${marks[step.kind]} ${stepText(step)}`)
      for (const warning of step.warnings)
        lines.push(`      ${warning.refused ? 'refused' : 'warning'}: ${warning.message}`)
    }
  }
  for (const problem of plan.problems) lines.push('', `Cannot apply: ${problem}`)
  return `${lines.join('\n')}\n`
}
