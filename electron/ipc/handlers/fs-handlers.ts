import type { Handlers } from '../../../shared/ipc/rpc-server'
import type { FsTarget } from '../../../shared/models/fs'
import type { FileSystem } from '../../fs/file-system'
import type { SessionManager } from '../../ssh/session-manager'

type FsChannels = 'fs.list' | 'fs.stat' | 'fs.realpath' | 'fs.home' | 'fs.rename'

/** `fs.*`: the same four questions of the local disk or of one session's server. */
export function fsHandlers(localFs: FileSystem, sessions: SessionManager): Pick<Handlers, FsChannels> {
  const fsOf = (target: FsTarget): FileSystem => (target.kind === 'local' ? localFs : sessions.fsOf(target.sessionId))
  return {
    'fs.list': ({ target, path }, { signal }) => fsOf(target).list(path, signal),
    'fs.stat': ({ target, path }, { signal }) => fsOf(target).stat(path, signal),
    'fs.realpath': async ({ target, path }, { signal }) => ({ path: await fsOf(target).realpath(path, signal) }),
    'fs.home': async ({ target }, { signal }) => ({ path: await fsOf(target).home(signal) }),
    'fs.rename': async ({ target, from, to }, { signal }) => {
      await fsOf(target).rename(from, to, { signal })
      return null
    },
  }
}
