import { describe, expect, it } from 'vitest'
import { scrollbackProblem, toleranceProblem } from './setting-values'

describe('typed settings', () => {
  it('takes a tolerance of 0 to a day, fractions included', () => {
    for (const text of ['0', '2', ' 1.5 ', '86400']) expect(toleranceProblem(text)).toBeNull()
    for (const text of ['', '-1', 'two', '86401', 'Infinity']) expect(toleranceProblem(text)).toMatch(/from 0 to 86,400/)
  })

  it('takes a whole scrollback up to a million lines', () => {
    expect(scrollbackProblem('5000')).toBeNull()
    expect(scrollbackProblem('1.5')).toMatch(/whole number/)
  })
})
