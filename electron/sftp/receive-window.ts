import type { SFTPWrapper } from 'ssh2'

// The parts of ssh2's SFTP channel this reaches into. ssh2 (1.x) gives every channel a fixed
// 2 MiB receive window, topped up only once it falls under 1 MiB: over a 40 ms link that caps a
// download at ~25–50 MiB/s per channel, whatever the disk and the server could do.
interface ChannelInternals {
  incoming: { window: number }
  readonly outgoing: { readonly id: number; readonly state: string }
  readonly _protocol?: { channelWindowAdjust(id: number, amount: number): void }
  push(data: Buffer | null): unknown
}

/** The receive window each SFTP channel of a transfer keeps open: 16 MiB is ~400 MiB/s at 40 ms. */
export const transferWindowBytes = 16 * 1024 * 1024

/**
 * Widens one SFTP channel's receive window to `bytes` and keeps it there: after each packet,
 * once less than half is left, the window is topped up again (as ssh2 does for its 2 MiB).
 * Leaves the channel as it is when ssh2's internals are not the ones this was written for.
 */
export function widenReceiveWindow(sftp: SFTPWrapper, bytes = transferWindowBytes): boolean {
  const channel = sftp as unknown as Partial<ChannelInternals>
  const protocol = channel._protocol
  if (!channel.incoming || !channel.outgoing || !protocol || typeof channel.push !== 'function') return false
  const incoming = channel.incoming
  const outgoing = channel.outgoing
  const topUp = () => {
    if (outgoing.state !== 'open' || incoming.window >= bytes / 2) return
    protocol.channelWindowAdjust(outgoing.id, bytes - incoming.window)
    incoming.window = bytes
  }
  const push = channel.push.bind(sftp)
  channel.push = (data: Buffer | null) => {
    const result = push(data)
    if (data !== null) topUp()
    return result
  }
  incoming.window = Math.min(incoming.window, bytes)
  if (incoming.window < bytes && outgoing.state === 'open') {
    protocol.channelWindowAdjust(outgoing.id, bytes - incoming.window)
    incoming.window = bytes
  }
  return true
}
