import type { TransferFs } from './transfer-fs'

/**
 * Several SFTP channels of one connection as one TransferFs. Each channel has its own
 * flow-control window (OpenSSH grants about 2 MiB, which caps one channel at ~50 MiB/s over a
 * 40 ms link) and its own sftp-server process on the server, so spreading work over them
 * multiplies both. Files opened without a lane take the next channel in turn; a large file
 * asks for one handle per lane. Calls that depend on each other are awaited in turn by their
 * callers, so it does not matter that they may travel on different channels.
 */
export function createChannelPool(channels: readonly TransferFs[]): TransferFs {
  const first = channels[0]
  if (!first) throw new Error('A channel pool needs at least one channel.')
  let turn = 0
  const next = () => channels[turn++ % channels.length]!
  const at = (lane: number | undefined) => (lane === undefined ? next() : channels[lane % channels.length]!)
  return {
    separator: first.separator,
    blockSize: Math.min(...channels.map((channel) => channel.blockSize)),
    isOrdered: true,
    lanes: channels.length,
    lookup: (path) => next().lookup(path),
    followLink: (path) => next().followLink(path),
    realpath: (path) => next().realpath(path),
    list: (path) => next().list(path),
    mkdir: (path, mode) => next().mkdir(path, mode),
    openRead: (path, lane) => at(lane).openRead(path),
    openWrite: (path, how, mode, lane) => at(lane).openWrite(path, how, mode),
    rename: (from, to) => next().rename(from, to),
    readLink: (path) => next().readLink(path),
    symlink: (target, path) => next().symlink(target, path),
    remove: (path) => next().remove(path),
    removeFolder: (path) => next().removeFolder(path),
    setTimes: (path, mtimeMs) => next().setTimes(path, mtimeMs),
    setMode: (path, mode) => next().setMode(path, mode),
    checksum: (path) => next().checksum(path),
  }
}
