import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { SkiffError } from '../../shared/models/errors'
import type { ProfileId } from '../../shared/models/ids'
import { profileColors, type HostProfile, type ProfileFields } from '../../shared/models/profile'
import { bookmarksMax } from '../../shared/models/settings'
import { keepAside, writeFileAtomic } from '../settings/atomic-file'

const fileName = 'profiles.json'
/** The version this Skiff writes. */
export const profilesVersion = 1

/** One profile as `profiles.json` holds it (an export holds the same, less revision and last use). */
export const storedProfile = z.object({
  profileId: z.string().min(1).max(128),
  revision: z.number().int().min(1),
  name: z.string().min(1).max(200),
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  username: z.string().min(1).max(256),
  authMethod: z.enum(['password', 'key', 'agent', 'keyboard-interactive']),
  privateKeyPath: z.string().max(4096).optional(),
  jumpProfileId: z.string().max(128).optional(),
  proxyJump: z.string().max(1024).optional(),
  localFolder: z.string().max(4096).optional(),
  remoteFolder: z.string().max(4096).optional(),
  keepaliveSeconds: z.number().int().min(0).max(3600).optional(),
  folder: z.string().max(200),
  color: z.enum(profileColors),
  notes: z.string().max(10_000).optional(),
  lastUsedMs: z.number().optional(),
  // Added after version 1 shipped: absent in older files, which read as no bookmarks.
  bookmarks: z.array(z.string().min(1).max(4096)).max(bookmarksMax).optional(),
})
type StoredProfile = Omit<HostProfile, 'hasSecret'>

const storedFile = z.object({ version: z.literal(profilesVersion), profiles: z.array(storedProfile) })

/**
 * Upgrades from each older version to the next, in order: `migrations[n]` turns a version-n
 * file into a version n+1 one. Version 1 is the first; a later format adds its step here.
 */
export const migrations: Readonly<Record<number, (old: Record<string, unknown>) => Record<string, unknown>>> = {}

/** Brings a parsed file to the current version; throws a readable reason when it cannot. */
export function migrate(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || !('version' in data) || typeof data.version !== 'number') {
    throw new Error('it has no version number')
  }
  let current = data as Record<string, unknown> & { version: number }
  if (current.version > profilesVersion) throw new Error(`it was written by a newer Skiff (format ${current.version})`)
  while (current.version < profilesVersion) {
    const step = migrations[current.version]
    if (!step) throw new Error(`format ${current.version} is not one Skiff knows`)
    current = { ...step(current), version: current.version + 1 }
  }
  return current
}

/** Readable problems with a profile's fields, or none. */
export function fieldProblems(fields: ProfileFields): string[] {
  const problems: string[] = []
  if (!fields.name.trim()) problems.push('Name is required.')
  if (!fields.host.trim()) problems.push('Host is required.')
  else if (/[\s/\\@]/.test(fields.host.trim())) problems.push('Host cannot contain spaces, slashes or @.')
  if (!Number.isInteger(fields.port) || fields.port < 1 || fields.port > 65535) problems.push('Port must be a whole number from 1 to 65535.')
  if (!fields.username.trim()) problems.push('User is required.')
  if (fields.authMethod === 'key' && !fields.privateKeyPath?.trim()) problems.push('Private key file is required for key login.')
  return problems
}

/** What a save takes: the dialog's fields, and bookmarks where a copy or an import brings them. */
type SavedFields = ProfileFields & Pick<HostProfile, 'bookmarks'>

function cleaned(fields: SavedFields): SavedFields {
  const optional = (text: string | undefined) => (text?.trim() ? text.trim() : undefined)
  return {
    ...fields,
    name: fields.name.trim(),
    host: fields.host.trim(),
    username: fields.username.trim(),
    folder: fields.folder.trim(),
    privateKeyPath: optional(fields.privateKeyPath),
    proxyJump: optional(fields.proxyJump),
    localFolder: optional(fields.localFolder),
    remoteFolder: optional(fields.remoteFolder),
    notes: fields.notes?.trim() ? fields.notes : undefined,
  }
}

/**
 * Host profiles, from the data directory's `profiles.json` (versioned, migrated, written
 * atomically). The main process is the source of truth: every window edits through it, and
 * an edit based on an older revision is refused rather than overwriting another window's.
 * A file that cannot be read is kept aside as `profiles.json.corrupt-<time>` and reported.
 */
export class ProfileStore {
  private profiles: StoredProfile[] = []
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly dataDir: string,
    private readonly onProblem: (message: string) => void = (message) => console.error(message),
  ) {}

  async load(): Promise<void> {
    const path = join(this.dataDir, fileName)
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch {
      return
    }
    try {
      const parsed = storedFile.safeParse(migrate(JSON.parse(text)))
      if (!parsed.success) throw new Error(`it does not hold profiles as expected (${parsed.error.issues[0]?.path.join('.') ?? 'file'})`)
      this.profiles = parsed.data.profiles.map((profile) => ({ ...profile, profileId: profile.profileId as ProfileId, jumpProfileId: profile.jumpProfileId as ProfileId | undefined }))
    } catch (error) {
      const why = error instanceof SyntaxError ? 'it is not valid JSON' : error instanceof Error ? error.message : 'it could not be read'
      const aside = await keepAside(path)
      this.onProblem(`Skiff could not read its host profiles (${why}); the file was kept as ${aside} and the list starts empty.`)
    }
  }

  /** Every profile, recently used first, then by name. */
  list(): StoredProfile[] {
    return [...this.profiles].sort((a, b) => (b.lastUsedMs ?? 0) - (a.lastUsedMs ?? 0) || a.name.localeCompare(b.name))
  }

  get(profileId: ProfileId): StoredProfile {
    const profile = this.profiles.find((p) => p.profileId === profileId)
    if (!profile) throw new SkiffError('NOT_FOUND', 'That host profile no longer exists.')
    return profile
  }

  /** Creates (no id) or changes a profile; a change must name the revision it was edited from. */
  async save(fields: SavedFields, profileId?: ProfileId, revision?: number): Promise<StoredProfile> {
    const problems = fieldProblems(fields)
    if (problems.length > 0) throw new SkiffError('INVALID_REQUEST', problems.join(' '))
    const clean = cleaned(fields)
    if (clean.jumpProfileId && clean.jumpProfileId === profileId) throw new SkiffError('INVALID_REQUEST', 'A profile cannot be its own jump host.')
    if (clean.jumpProfileId) this.get(clean.jumpProfileId)
    let saved: StoredProfile
    if (!profileId) {
      saved = { ...clean, profileId: randomUUID() as ProfileId, revision: 1 }
      this.profiles.push(saved)
    } else {
      const current = this.get(profileId)
      if (revision !== current.revision) {
        throw new SkiffError('EXISTS', `${current.name} was changed in another window meanwhile; its dialog shows the older version. Close it and edit again.`)
      }
      // The dialog does not show bookmarks, so what it saves never drops them.
      saved = { ...clean, profileId, revision: current.revision + 1, lastUsedMs: current.lastUsedMs, bookmarks: current.bookmarks }
      this.profiles = this.profiles.map((p) => (p.profileId === profileId ? saved : p))
    }
    await this.write()
    return saved
  }

  /** A copy named `<name> (copy)`, without its remembered secret. */
  async duplicate(profileId: ProfileId): Promise<StoredProfile> {
    const { profileId: _id, revision: _revision, lastUsedMs: _used, ...fields } = this.get(profileId)
    const names = new Set(this.profiles.map((p) => p.name))
    let name = `${fields.name} (copy)`
    for (let n = 2; names.has(name); n++) name = `${fields.name} (copy ${n})`
    return this.save({ ...fields, name })
  }

  /** Files a profile under another folder ('' is the top level). */
  async move(profileId: ProfileId, folder: string): Promise<StoredProfile> {
    const current = this.get(profileId)
    return this.save({ ...current, folder }, profileId, current.revision)
  }

  async remove(profileId: ProfileId): Promise<void> {
    this.get(profileId)
    // Profiles that jumped through this one now connect directly, and say nothing false.
    this.profiles = this.profiles
      .filter((p) => p.profileId !== profileId)
      .map((p) => (p.jumpProfileId === profileId ? { ...p, jumpProfileId: undefined, revision: p.revision + 1 } : p))
    await this.write()
  }

  /**
   * Replaces a profile's bookmarks. The revision stays: bookmarks are not what the dialog edits,
   * so a dialog open meanwhile may still save (and keeps these).
   */
  async setBookmarks(profileId: ProfileId, bookmarks: readonly string[]): Promise<StoredProfile> {
    this.get(profileId)
    const kept = bookmarks.length > 0 ? [...bookmarks] : undefined
    this.profiles = this.profiles.map((p) => (p.profileId === profileId ? { ...p, bookmarks: kept } : p))
    await this.write()
    return this.get(profileId)
  }

  /** Marks a profile used now (recent first). */
  async touch(profileId: ProfileId): Promise<void> {
    this.profiles = this.profiles.map((p) => (p.profileId === profileId ? { ...p, lastUsedMs: Date.now() } : p))
    await this.write()
  }

  private async write(): Promise<void> {
    const text = `${JSON.stringify({ version: profilesVersion, profiles: this.profiles }, null, 2)}\n`
    const write = this.writing.then(() => writeFileAtomic(join(this.dataDir, fileName), text))
    this.writing = write.catch(() => undefined)
    await write
  }
}
