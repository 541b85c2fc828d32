import { describe, expect, it } from 'vitest'
import { DEFAULT_RULES, alertRuleProblem, crosses, measureOf } from './alerts'
import { emptyTotals, THRESHOLDS, type Totals } from './delivery'

const totals = (counts: Partial<Totals>): Totals => ({ ...emptyTotals(), ...counts })
const rule = { measure: 'bounced' as const, threshold: 0.05, minVolume: 100 }

describe('alert rules', () => {
  it('fire past the threshold on enough mail, and never on a handful: 1 bounce in 5 sends is not 20 %', () => {
    expect(crosses(rule, totals({ processed: 1000, delivered: 930, bounce: 50, blocked: 20 }))).toBe(true)
    expect(crosses(rule, totals({ processed: 1000, delivered: 960, bounce: 30, blocked: 10 }))).toBe(false)
    expect(crosses(rule, totals({ processed: 5, delivered: 4, bounce: 1 }))).toBe(false)
    expect(crosses(rule, totals({}))).toBe(false)
  })

  it('measure spam per 1,000 delivered, judged on what was delivered', () => {
    const counts = totals({ processed: 2000, delivered: 2000, spamreport: 4 })
    expect(measureOf('spam', counts)).toEqual({ value: 2, volume: 2000 })
    expect(crosses({ measure: 'spam', threshold: 1, minVolume: 1000 }, counts)).toBe(true)
    expect(crosses({ measure: 'spam', threshold: 1, minVolume: 5000 }, counts)).toBe(false)
  })

  it('fire below the threshold for delivered', () => {
    const poor = totals({ processed: 1000, delivered: 900, bounce: 100 })
    expect(crosses({ measure: 'delivered', threshold: 0.95, minVolume: 100 }, poor)).toBe(true)
    expect(crosses({ measure: 'delivered', threshold: 0.85, minVolume: 100 }, poor)).toBe(false)
  })

  it('start from the thresholds the figures are flagged at, each with its source', () => {
    expect(DEFAULT_RULES.map(({ measure, threshold }) => [measure, threshold])).toEqual([
      ['bounced', THRESHOLDS.bounced],
      ['spam', THRESHOLDS.spam * 1000],
      ['deferred', THRESHOLDS.deferred],
    ])
    for (const defaultRule of DEFAULT_RULES) {
      expect(alertRuleProblem(defaultRule)).toBeNull()
      expect(defaultRule.source).not.toBe('')
    }
  })

  it('are checked at the door, each problem naming its field', () => {
    const good = {
      measure: 'deferred',
      scope: { kind: 'ip', name: '192.0.2.10', provider: 'microsoft' },
      threshold: 0.1,
      windowHours: 4,
      minVolume: 500,
    }
    expect(alertRuleProblem(good)).toBeNull()
    expect(alertRuleProblem({ ...good, measure: 'opens' })).toMatch(/^measure must be/)
    expect(alertRuleProblem({ ...good, scope: { kind: 'ip' } })).toBe('scope.name must name the ip.')
    expect(alertRuleProblem({ ...good, scope: { kind: 'every-pool', name: 'x' } })).toMatch(/^scope\.name is only/)
    expect(alertRuleProblem({ ...good, scope: { kind: 'pool', name: 'x', provider: 'aol' } })).toMatch(
      /^scope\.provider/,
    )
    expect(alertRuleProblem({ ...good, threshold: 5 })).toMatch(/^threshold must be a fraction/)
    expect(alertRuleProblem({ ...good, threshold: Number.NaN })).toMatch(/^threshold/)
    expect(alertRuleProblem({ ...good, windowHours: 25 })).toMatch(/^windowHours/)
    expect(alertRuleProblem({ ...good, windowHours: 1.5 })).toMatch(/^windowHours/)
    expect(alertRuleProblem({ ...good, minVolume: 0 })).toMatch(/^minVolume/)
    expect(alertRuleProblem({ ...good, quietMinutes: 10, remindHours: 6 })).toBeNull()
    expect(alertRuleProblem({ ...good, quietMinutes: 2 })).toMatch(/^quietMinutes must be .* from 5 to 1440/)
    expect(alertRuleProblem({ ...good, remindHours: 0.5 })).toMatch(/^remindHours must be .* from 1 to 168/)
    expect(alertRuleProblem(null)).toBe('A rule is an object.')
  })
})
