import type { Handlers } from '../../../shared/ipc/rpc-server'
import type { FsTarget } from '../../../shared/models/fs'
import type { FileSystem } from '../../fs/file-system'
import type { FileOperations } from '../../operations/file-operations'

type FsChannels =
  | 'fs.list'
  | 'fs.stat'
  | 'fs.realpath'
  | 'fs.home'
  | 'fs.rename'
  | 'fs.capabilities'
  | 'fs.mkdir'
  | 'fs.createFile'
  | 'fs.symlink'
  | 'fs.count'
  | 'fs.delete'
  | 'fs.setAttributes'
  | 'fs.folderSize'
  | 'fs.duplicate'

/** `fs.*`: questions and commands for the local disk or one session's server. */
export function fsHandlers(fsOf: (target: FsTarget) => FileSystem, operations: FileOperations): Pick<Handlers, FsChannels> {
  const done = async (work: Promise<void>) => {
    await work
    return null
  }
  return {
    'fs.list': ({ target, path }, { signal }) => fsOf(target).list(path, signal),
    'fs.stat': ({ target, path }, { signal }) => fsOf(target).stat(path, signal),
    'fs.realpath': async ({ target, path }, { signal }) => ({ path: await fsOf(target).realpath(path, signal) }),
    'fs.home': async ({ target }, { signal }) => ({ path: await fsOf(target).home(signal) }),
    'fs.rename': ({ target, from, to, isReplace }, { signal }) => done(operations.rename(target, from, to, isReplace ?? false, signal)),
    'fs.capabilities': async ({ target }) => operations.capabilities(target),
    'fs.mkdir': ({ target, path }, { signal }) => done(operations.mkdir(target, path, signal)),
    'fs.createFile': ({ target, path }, { signal }) => done(operations.createFile(target, path, signal)),
    'fs.symlink': ({ target, path, linkTarget }, { signal }) => done(operations.symlink(target, path, linkTarget, signal)),
    'fs.count': ({ target, paths }, { signal }) => operations.count(target, paths, signal),
    'fs.delete': async (request) => ({ transferId: operations.delete(request) }),
    'fs.setAttributes': async (request, { signal }) => ({ transferId: await operations.setAttributes(request, signal) }),
    'fs.folderSize': async ({ target, paths }) => ({ transferId: operations.folderSize(target, paths) }),
    'fs.duplicate': async (request, { signal }) => ({ transferId: await operations.duplicate(request, signal) }),
  }
}
