import type { Writable } from 'node:stream'
import type { Client } from 'ssh2'

/**
 * Lets the writes one turn of the event loop makes to `stream` leave together. ssh2 writes each
 * SSH packet on its own; a transfer of many small files makes seven requests per file, and a
 * write call (a TCP segment, with TCP_NODELAY) per packet cost more than the packets. Corked on
 * the first write of a turn and uncorked once the turn's work is done, they go as one writev.
 */
export function coalesceWrites(stream: Writable): void {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean
  let isCorked = false
  const uncork = () => {
    isCorked = false
    stream.uncork()
  }
  stream.write = ((...args: unknown[]) => {
    if (!isCorked && !stream.destroyed) {
      isCorked = true
      stream.cork()
      setImmediate(uncork)
    }
    return write(...args)
  }) as Writable['write']
}

/**
 * Call right after `client.connect()`: the connection's socket sends each write at once
 * (TCP_NODELAY: a small request never waits for the server's delayed ACK, 40 ms on Linux) and
 * the writes of one turn together. A stream given as `sock` (a jump host's channel) is coalesced only.
 */
export function tuneClientSocket(client: Client): void {
  // ssh2 keeps the stream it writes to as `_sock` and has no public way to reach it.
  const socket = (client as unknown as { _sock?: Writable })._sock
  if (!socket) return
  client.setNoDelay(true)
  coalesceWrites(socket)
}
