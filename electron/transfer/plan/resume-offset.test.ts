import { describe, expect, it } from 'vitest'
import { resumeStart } from './resume-offset'

describe('resuming from a partial file', () => {
  it('goes on from the end of a shorter partial', () => {
    expect(resumeStart(400, 1000)).toEqual({ fromOffset: 400 })
  })

  it('starts from 0 with an empty partial', () => {
    expect(resumeStart(0, 1000)).toEqual({ fromOffset: 0 })
    expect(resumeStart(0, 0)).toEqual({ fromOffset: 0 })
  })

  it('has nothing left to copy when the partial is as long as the source', () => {
    expect(resumeStart(1000, 1000)).toEqual({ fromOffset: 1000 })
  })

  it('discards a partial longer than the source', () => {
    expect(resumeStart(1500, 1000)).toEqual({ discard: true, reason: expect.stringContaining('longer than the source') })
  })

  it('discards when a size is not a whole number of bytes', () => {
    for (const [part, source] of [[-1, 10], [Number.NaN, 10], [1.5, 10], [0, -3], [0, Number.POSITIVE_INFINITY]] as const) {
      expect(resumeStart(part, source), `${part}/${source}`).toMatchObject({ discard: true })
    }
  })
})
