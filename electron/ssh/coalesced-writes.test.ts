import { Writable } from 'node:stream'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { coalesceWrites } from './coalesced-writes'

/** A stream that records each call that reached it: one array per writev, one item per write. */
function recorder(): { stream: Writable; calls: string[][] } {
  const calls: string[][] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      calls.push([chunk.toString()])
      done()
    },
    writev(chunks, done) {
      calls.push(chunks.map(({ chunk }) => (chunk as Buffer).toString()))
      done()
    },
  })
  return { stream, calls }
}

describe('coalesceWrites', () => {
  it('sends the writes of one turn as one call, in order, and each later turn on its own', async () => {
    const { stream, calls } = recorder()
    coalesceWrites(stream)
    for (const packet of ['a', 'b', 'c']) stream.write(Buffer.from(packet))
    expect(calls).toEqual([])
    await nextTurn()
    stream.write(Buffer.from('d'))
    await nextTurn()
    await nextTurn()
    expect(calls).toEqual([['a', 'b', 'c'], ['d']])
  })

  it('still passes write callbacks and the ended stream through', async () => {
    const { stream, calls } = recorder()
    coalesceWrites(stream)
    const written = new Promise<void>((resolve) => stream.write(Buffer.from('x'), () => resolve()))
    await written
    stream.end(Buffer.from('y'))
    await new Promise((resolve) => stream.once('finish', resolve))
    expect(calls.flat()).toEqual(['x', 'y'])
  })
})
