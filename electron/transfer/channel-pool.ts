import type { FileSystem } from '../fs/file-system'

/**
 * Several SFTP channels of one connection as one FileSystem. Each channel has its own
 * flow-control window (OpenSSH grants about 2 MiB, which caps one channel at ~50 MiB/s over a
 * 40 ms link) and its own sftp-server process on the server, so spreading work over them
 * multiplies both. Files opened without a lane take the next channel in turn; a large file
 * asks for one handle per lane; every other call takes the next channel in turn. Calls that
 * depend on each other are awaited in turn by their callers, so it does not matter that they
 * may travel on different channels.
 */
export function createChannelPool(channels: readonly FileSystem[]): FileSystem {
  const first = channels[0]
  if (!first) throw new Error('A channel pool needs at least one channel.')
  let turn = 0
  const next = () => channels[turn++ % channels.length]!
  const at = (lane: number | undefined) => (lane === undefined ? next() : channels[lane % channels.length]!)
  return {
    separator: first.separator,
    capabilities: first.capabilities,
    blockSize: Math.min(...channels.map((channel) => channel.blockSize)),
    isOrdered: true,
    lanes: channels.length,
    list: (...args) => next().list(...args),
    stat: (...args) => next().stat(...args),
    lookup: (...args) => next().lookup(...args),
    followLink: (...args) => next().followLink(...args),
    realpath: (...args) => next().realpath(...args),
    home: (...args) => next().home(...args),
    mkdir: (...args) => next().mkdir(...args),
    createFile: (...args) => next().createFile(...args),
    openRead: (path, lane) => at(lane).openRead(path),
    openWrite: (path, how, mode, lane) => at(lane).openWrite(path, how, mode),
    rename: (...args) => next().rename(...args),
    readLink: (...args) => next().readLink(...args),
    symlink: (...args) => next().symlink(...args),
    remove: (...args) => next().remove(...args),
    removeFolder: (...args) => next().removeFolder(...args),
    setTimes: (...args) => next().setTimes(...args),
    setMode: (...args) => next().setMode(...args),
    setOwner: (...args) => next().setOwner(...args),
    resolveOwner: (...args) => next().resolveOwner(...args),
    copyFile: (...args) => next().copyFile(...args),
    copyByCommand: (...args) => next().copyByCommand(...args),
    checksum: (...args) => next().checksum(...args),
  }
}
