import { createHash, randomBytes } from 'node:crypto'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startLatencyProxy, type LatencyProxy } from '../../e2e/fixtures/latency-proxy'

const rttMs = 40

// The proxy is the fixture of the transfer benchmark; its numbers mean something only if it
// adds the round trip it claims and leaves the byte stream untouched.
describe('latency proxy', () => {
  let echo: Server
  let proxy: LatencyProxy
  let client: Socket

  beforeEach(async () => {
    echo = createServer((socket) => socket.pipe(socket))
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
    const address = echo.address()
    proxy = await startLatencyProxy(typeof address === 'object' && address ? address.port : 0, { rttMs })
    client = createConnection({ host: '127.0.0.1', port: proxy.port })
    await new Promise((resolve) => client.once('connect', resolve))
  })

  afterEach(async () => {
    client.destroy()
    await proxy.close()
    await new Promise((resolve) => echo.close(resolve))
  })

  /** Reads from the client until `length` bytes came back. */
  function receive(length: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = []
      let received = 0
      const onData = (chunk: Buffer) => {
        chunks.push(chunk)
        received += chunk.length
        if (received < length) return
        client.off('data', onData)
        resolve(Buffer.concat(chunks))
      }
      client.on('data', onData)
      client.once('error', reject)
    })
  }

  it('adds the round-trip time to an echo', async () => {
    const timings: number[] = []
    for (let i = 0; i < 3; i++) {
      const started = performance.now()
      const reply = receive(1)
      client.write('x')
      await reply
      timings.push(performance.now() - started)
    }
    for (const ms of timings) {
      expect(ms).toBeGreaterThanOrEqual(0.9 * rttMs)
      expect(ms).toBeLessThan(rttMs + 150)
    }
  })

  it('keeps the order of many small writes', async () => {
    const lines = Array.from({ length: 2_000 }, (_, i) => `${i}\n`)
    const expected = lines.join('')
    const reply = receive(Buffer.byteLength(expected))
    for (const line of lines) client.write(line)
    expect((await reply).toString()).toBe(expected)
  })

  it('passes 20 MiB through intact without serializing chunks behind each other', async () => {
    const payload = randomBytes(20 * 1024 * 1024)
    const started = performance.now()
    const reply = receive(payload.length)
    client.write(payload)
    const echoed = await reply
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
    expect(echoed.length).toBe(payload.length)
    expect(sha256(echoed)).toBe(sha256(payload))
    // Hundreds of chunks each way: delaying them one after another would take many seconds.
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})
