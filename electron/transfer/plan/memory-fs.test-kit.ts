// An in-memory file system for the planning tests: the read side a walk uses (list, lookup,
// followLink, realpath), with symlinks, raw hostile names, failing folders and counters of
// concurrent listings. Paths are POSIX; it resolves `..` itself because it plays the server.
import { SkiffError } from '../../../shared/models/errors'
import type { FsEntry } from '../../../shared/models/fs'
import { permissionString } from '../../fs/file-mode'
import type { WalkFs } from './tree-walk'

type MemoryNode =
  | { readonly kind: 'file'; readonly size: number; readonly mtimeMs: number; readonly mode: number }
  | { readonly kind: 'directory'; readonly mode: number; readonly children: Map<string, MemoryNode> }
  | { readonly kind: 'symlink'; readonly target: string }
  | { readonly kind: 'other' }

interface Resolved {
  readonly node: MemoryNode
  readonly segments: readonly string[]
}

/** Whole seconds, as SFTP v3 gives times. */
export const sampleMtimeMs = Date.UTC(2024, 5, 1, 12)
// Link hops before a path counts as looping (ELOOP), as Linux allows 40.
const maxHops = 40

const typeBits = { file: 0o100000, directory: 0o040000, symlink: 0o120000, other: 0o020000 } as const

function segmentsOf(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '' && segment !== '.')
}

function entryOf(name: string, node: MemoryNode, behind?: MemoryNode | null): FsEntry {
  const base = { name, permissions: permissionString(0o755), mtimeMs: sampleMtimeMs }
  switch (node.kind) {
    case 'file':
      return { ...base, type: 'file', size: node.size, mtimeMs: node.mtimeMs, mode: typeBits.file | node.mode, permissions: permissionString(node.mode) }
    case 'directory':
      return { ...base, type: 'directory', size: 4096, mode: typeBits.directory | node.mode }
    case 'other':
      return { ...base, type: 'other', size: 0, mode: typeBits.other | 0o644 }
    case 'symlink': {
      const linkTargetType = behind ? (behind.kind === 'symlink' ? 'other' : behind.kind) : undefined
      return { ...base, type: 'symlink', size: node.target.length, mode: typeBits.symlink | 0o777, linkTarget: node.target, ...(linkTargetType ? { linkTargetType } : {}) }
    }
  }
}

/** A file system held in memory; build it with the chained adders, then hand it to walkTree. */
export class MemoryFs implements WalkFs {
  readonly separator = '/'
  /** Every path list was called with, in call order. */
  readonly listedPaths: string[] = []
  listsInFlight = 0
  mostListsInFlight = 0
  /** Awaited inside every list call, after it counts as in flight: a delay, or a gate a test holds. */
  listDelay: (path: string) => Promise<void> = () => Promise.resolve()
  private readonly root: MemoryNode & { kind: 'directory' } = { kind: 'directory', mode: 0o755, children: new Map() }
  private readonly listFailures = new Map<string, SkiffError>()

  file(path: string, size = 0, mode = 0o644, mtimeMs = sampleMtimeMs): this {
    return this.put(path, { kind: 'file', size, mtimeMs, mode })
  }

  folder(path: string, mode = 0o755): this {
    return this.put(path, { kind: 'directory', mode, children: new Map() })
  }

  link(path: string, target: string): this {
    return this.put(path, { kind: 'symlink', target })
  }

  device(path: string): this {
    return this.put(path, { kind: 'other' })
  }

  /** Adds an entry under its raw name, `/`, NUL and all, as a hostile server would list it. */
  rawEntry(folder: string, name: string, kind: 'file' | 'directory' = 'file'): this {
    const node: MemoryNode = kind === 'file' ? { kind, size: 10, mtimeMs: sampleMtimeMs, mode: 0o644 } : { kind, mode: 0o755, children: new Map() }
    this.directoryAt(segmentsOf(folder)).children.set(name, node)
    return this
  }

  failListing(path: string, error: SkiffError): this {
    this.listFailures.set(path, error)
    return this
  }

  async lookup(path: string): Promise<FsEntry | null> {
    const found = this.resolve(path, false)
    if (!found) return null
    return entryOf(found.segments.at(-1) ?? '/', found.node, found.node.kind === 'symlink' ? this.resolve(path, true)?.node : undefined)
  }

  async list(path: string): Promise<{ readonly entries: readonly FsEntry[] }> {
    this.listedPaths.push(path)
    this.listsInFlight++
    this.mostListsInFlight = Math.max(this.mostListsInFlight, this.listsInFlight)
    try {
      await this.listDelay(path)
      const failure = this.listFailures.get(path)
      if (failure) throw failure
      const found = this.resolve(path, true)
      if (found?.node.kind !== 'directory') throw new SkiffError('NOT_FOUND', `${path} is not a folder.`)
      const at = '/' + found.segments.join('/')
      const entries = [...found.node.children].map(([name, node]) =>
        entryOf(name, node, node.kind === 'symlink' ? (this.resolve(`${at}/${name}`, true)?.node ?? null) : undefined),
      )
      return { entries }
    } finally {
      this.listsInFlight--
    }
  }

  async followLink(path: string): Promise<FsEntry | null> {
    const found = this.resolve(path, true)
    return found ? entryOf(found.segments.at(-1) ?? '/', found.node) : null
  }

  async realpath(path: string): Promise<string> {
    const found = this.resolve(path, true)
    if (!found) throw new SkiffError('NOT_FOUND', `${path} is not there.`)
    return '/' + found.segments.join('/')
  }

  private put(path: string, node: MemoryNode): this {
    const segments = segmentsOf(path)
    const name = segments.pop()
    if (name === undefined) throw new Error('The root is already there.')
    this.directoryAt(segments).children.set(name, node)
    return this
  }

  /** The folder at `segments`, created along the way (no links followed: this is the builder). */
  private directoryAt(segments: readonly string[]): MemoryNode & { kind: 'directory' } {
    let folder = this.root
    for (const name of segments) {
      let child = folder.children.get(name)
      if (!child) folder.children.set(name, (child = { kind: 'directory', mode: 0o755, children: new Map() }))
      if (child.kind !== 'directory') throw new Error(`${name} is not a folder.`)
      folder = child
    }
    return folder
  }

  /** Walks `path` as a kernel would, following links on the way (and at the end when `followLast`). */
  private resolve(path: string, followLast: boolean): Resolved | null {
    const pending = segmentsOf(path)
    const segments: string[] = []
    let hops = 0
    while (pending.length > 0) {
      const name = pending.shift() as string
      if (name === '..') {
        segments.pop()
        continue
      }
      const folder = this.nodeAt(segments)
      const child = folder?.kind === 'directory' ? folder.children.get(name) : undefined
      if (!child) return null
      if (child.kind === 'symlink' && (pending.length > 0 || followLast)) {
        if (++hops > maxHops) return null
        if (child.target.startsWith('/')) segments.length = 0
        pending.unshift(...segmentsOf(child.target))
        continue
      }
      segments.push(name)
    }
    const node = this.nodeAt(segments)
    return node ? { node, segments } : null
  }

  private nodeAt(segments: readonly string[]): MemoryNode | undefined {
    let node: MemoryNode | undefined = this.root
    for (const name of segments) node = node?.kind === 'directory' ? node.children.get(name) : undefined
    return node
  }
}

/** The same file system seen without stat or realpath: only what every FileSystem has. */
export function withoutLinkCalls(fs: MemoryFs): WalkFs {
  return { separator: fs.separator, list: (path) => fs.list(path), lookup: (path) => fs.lookup(path) }
}

/** Settles like `work`, or fails the test after `ms`: a hang shows as a failure, not a stuck run. */
export function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Still running after ${ms} ms.`)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
