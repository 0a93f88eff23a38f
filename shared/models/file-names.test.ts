import { describe, expect, it } from 'vitest'
import { typedNameProblem } from './file-names'

describe('a typed name', () => {
  it('refuses what cannot be one entry’s name, with the reason', () => {
    expect(typedNameProblem('', false)).toBe('Type a name.')
    expect(typedNameProblem('..', false)).toContain('the one above')
    expect(typedNameProblem('a/b', false)).toContain('"/"')
    expect(typedNameProblem('a\0b', false)).toContain('NUL')
    expect(typedNameProblem('é'.repeat(128), false)).toContain('255 bytes')
  })

  it('takes spaces, unicode, a leading dash and backslashes on POSIX', () => {
    for (const name of ['-rf --no-preserve-root', 'Grüße — café.txt', ' lead', 'back\\slash', 'two\nlines']) expect(typedNameProblem(name, false)).toBeNull()
  })

  it('follows Windows’ rules on Windows', () => {
    expect(typedNameProblem('a:b', true)).toContain('Windows does not allow')
    expect(typedNameProblem('back\\slash', true)).toContain('Windows does not allow')
    expect(typedNameProblem('CON', true)).toContain('reserves the name "CON"')
    expect(typedNameProblem('lpt1.txt', true)).toContain('reserves')
    expect(typedNameProblem('trailing.', true)).toContain('end with a space or a dot')
    expect(typedNameProblem('console.log', true)).toBeNull()
  })
})
