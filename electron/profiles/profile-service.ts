import type { Emit } from '../../shared/ipc/messages'
import { SkiffError } from '../../shared/models/errors'
import type { ProfileId } from '../../shared/models/ids'
import { constants } from 'node:fs'
import { access, readdir, readFile } from 'node:fs/promises'
import { homedir, userInfo } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import type { HostProfile, ProfileFields, ProfileSaveRequest, SecretsState } from '../../shared/models/profile'
import type { ImportCandidate, ImportPreview } from '../../shared/models/profile-import'
import type { ConnectRequest, SessionInfo } from '../../shared/models/session'
import type { Caller, SessionManager } from '../ssh/session-manager'
import type { ProfileSecrets } from './profile-secrets'
import { storedProfile, type ProfileStore } from './profile-store'
import { planImport, readSshConfig, type ConfigSource } from './ssh-config-import'

// What exportJson writes: the profile fields, their ids (for jump host links), nothing secret.
const exportFile = z.object({
  skiffProfiles: z.literal(1),
  profiles: z.array(storedProfile.omit({ revision: true, lastUsedMs: true })).max(10_000),
})

/** The OpenSSH client config at `path`, or the user's own, read from this machine. */
function configSource(path?: string): ConfigSource {
  const homeDir = homedir()
  return {
    path: path?.trim() ? path.trim().replace(/^~(?=$|\/)/, homeDir) : join(homeDir, '.ssh', 'config'),
    homeDir,
    localUser: userInfo().username,
    readText: (file) => readFile(file, 'utf8'),
    listDir: (folder) => readdir(folder),
  }
}

/** A new profile's fields from a config host: a key where it names one, else the agent (as ssh would try). */
function fieldsFromCandidate(candidate: ImportCandidate, localUser: string): ProfileFields {
  return {
    name: candidate.alias,
    host: candidate.host,
    port: candidate.port ?? 22,
    username: candidate.username ?? localUser,
    authMethod: candidate.identityFile ? 'key' : 'agent',
    ...(candidate.identityFile ? { privateKeyPath: candidate.identityFile } : {}),
    ...(candidate.proxyJump ? { proxyJump: candidate.proxyJump } : {}),
    ...(candidate.keepaliveSeconds ? { keepaliveSeconds: candidate.keepaliveSeconds } : {}),
    folder: 'ssh config',
    color: 'none',
  }
}

type StoredProfile = ReturnType<ProfileStore['get']>

/** `[user@]host[:port]` (or `[user@][v6]:port`), one hop of a ProxyJump list. */
export function parseJumpSpec(spec: string): { host: string; port?: number; username?: string } | null {
  const match = /^(?:([^@\s]+)@)?(?:\[([^\]]+)\]|([^:@\s[\]]+))(?::(\d{1,5}))?$/.exec(spec.trim().replace(/^ssh:\/\//, ''))
  if (!match) return null
  const port = match[4] ? Number(match[4]) : undefined
  if (port !== undefined && (port < 1 || port > 65535)) return null
  return { host: (match[2] ?? match[3])!, ...(port ? { port } : {}), ...(match[1] ? { username: match[1] } : {}) }
}

/** The one remembered secret of a profile: its password, or its key's passphrase. */
const secretId = (profileId: ProfileId) => `profile:${profileId}`

/**
 * Host profiles with their remembered secrets, and connecting with them. Every change is
 * broadcast, so all windows show the same list.
 */
export class ProfileService {
  constructor(
    private readonly store: ProfileStore,
    private readonly secrets: ProfileSecrets,
    private readonly sessions: SessionManager,
    private readonly broadcast: Emit,
  ) {}

  list(): HostProfile[] {
    return this.store.list().map((profile) => ({ ...profile, hasSecret: this.secrets.has(secretId(profile.profileId)) }))
  }

  async save(request: ProfileSaveRequest): Promise<HostProfile> {
    const keyFile = request.fields.authMethod === 'key' ? request.fields.privateKeyPath?.trim() : undefined
    if (keyFile) {
      await access(keyFile.replace(/^~(?=$|\/)/, homedir()), constants.R_OK).catch(() => {
        throw new SkiffError('INVALID_REQUEST', `Private key file ${keyFile} cannot be read: check the path and its permissions.`)
      })
    }
    const wantsSecret = request.rememberSecret && typeof request.secret === 'string' && request.secret !== ''
    // Checked before anything is written: a profile saved without the secret it asked to keep would mislead.
    if (wantsSecret) this.requireUnlocked()
    const saved = await this.store.save(request.fields, request.profileId, request.revision)
    const id = secretId(saved.profileId)
    if (wantsSecret) await this.secrets.set(id, request.secret as string)
    else if (!request.rememberSecret || request.secret === null) await this.secrets.delete(id)
    this.changed()
    return { ...saved, hasSecret: this.secrets.has(id) }
  }

  async remove(profileId: ProfileId): Promise<void> {
    await this.store.remove(profileId)
    await this.secrets.delete(secretId(profileId))
    this.changed()
  }

  async duplicate(profileId: ProfileId): Promise<HostProfile> {
    const copy = await this.store.duplicate(profileId)
    this.changed()
    return { ...copy, hasSecret: false }
  }

  async move(profileId: ProfileId, folder: string): Promise<HostProfile> {
    const moved = await this.store.move(profileId, folder)
    this.changed()
    return { ...moved, hasSecret: this.secrets.has(secretId(profileId)) }
  }

  /** Replaces the folders bookmarked in the profile's sessions. */
  async setBookmarks(profileId: ProfileId, bookmarks: readonly string[]): Promise<HostProfile> {
    const saved = await this.store.setBookmarks(profileId, bookmarks)
    this.changed()
    return { ...saved, hasSecret: this.secrets.has(secretId(profileId)) }
  }

  /** Connects with the profile's remembered secret, or `typed` when given; through its jump hosts. */
  async connect(profileId: ProfileId, caller: Caller, typed?: string): Promise<SessionInfo> {
    const profile = this.store.get(profileId)
    const jumps = this.jumpsOf(profile)
    const request: ConnectRequest = { ...this.requestFor(profile, typed), ...(jumps.length > 0 ? { jumps } : {}) }
    const session = await this.sessions.connect(request, caller, { profileId, name: profile.name, color: profile.color })
    await this.store.touch(profileId).catch(() => undefined)
    this.changed()
    return session
  }

  /** Host, user and credentials of one profile, with its remembered secret unless one is typed. */
  private requestFor(profile: StoredProfile, typed?: string): Omit<ConnectRequest, 'jumps'> {
    const id = secretId(profile.profileId)
    let secret = typed
    if (secret === undefined && this.secrets.has(id)) {
      this.requireUnlocked()
      secret = this.secrets.get(id)
    }
    return {
      host: profile.host,
      port: profile.port,
      username: profile.username,
      ...(profile.keepaliveSeconds ? { keepaliveSeconds: profile.keepaliveSeconds } : {}),
      // No password remembered or typed: the login asks for one, as `ssh` does.
      ...(profile.authMethod === 'password' ? { password: secret, useAgent: false } : {}),
      ...(profile.authMethod === 'key' ? { privateKeyPath: profile.privateKeyPath, passphrase: secret, useAgent: false } : {}),
      ...(profile.authMethod === 'agent' ? { useAgent: true, tryKeyboardInteractive: false } : {}),
      ...(profile.authMethod === 'keyboard-interactive' ? { useAgent: false, tryKeyboardInteractive: true } : {}),
    }
  }

  /**
   * The chain in front of a profile, outermost first: its jump profile's own chain, then that
   * profile; or an ssh_config ProxyJump list, each hop a profile of that name where there is
   * one, else `[user@]host[:port]` logging in the way this profile does.
   */
  private jumpsOf(profile: StoredProfile, seen: ReadonlySet<ProfileId> = new Set()): Omit<ConnectRequest, 'jumps'>[] {
    if (seen.has(profile.profileId) || seen.size > 8) throw new SkiffError('INVALID_REQUEST', `The jump hosts of ${profile.name} go round in a circle.`)
    const next = new Set(seen).add(profile.profileId)
    if (profile.jumpProfileId) {
      const jump = this.store.get(profile.jumpProfileId)
      return [...this.jumpsOf(jump, next), this.requestFor(jump)]
    }
    if (!profile.proxyJump) return []
    return profile.proxyJump.split(',').flatMap((spec) => {
      const named = this.store.list().find((p) => p.name === spec.trim())
      if (named) return [...this.jumpsOf(named, next), this.requestFor(named)]
      const hop = parseJumpSpec(spec)
      if (!hop) throw new SkiffError('INVALID_REQUEST', `${profile.name} has a jump host Skiff cannot read: ${spec}.`)
      const own = this.requestFor(profile)
      return [{ ...own, host: hop.host, port: hop.port ?? 22, username: hop.username ?? profile.username, password: undefined }]
    })
  }

  /** Reads an OpenSSH client config (`~/.ssh/config` when no path is given): what importing would do. */
  async importPreview(path?: string): Promise<ImportPreview> {
    const source = configSource(path)
    const { candidates, problems } = await readSshConfig(source)
    return { path: source.path, actions: planImport(candidates, this.store.list(), { port: 22, username: source.localUser }), problems }
  }

  /** Creates or updates the profiles of the chosen aliases, as the preview showed. */
  async importConfig(path: string | undefined, aliases: readonly string[]): Promise<{ created: number; updated: number }> {
    const preview = await this.importPreview(path)
    const chosen = new Set(aliases)
    const localUser = configSource(path).localUser
    let created = 0
    let updated = 0
    for (const action of preview.actions) {
      if (action.kind === 'skip' || !chosen.has(action.candidate.alias)) continue
      const fields = fieldsFromCandidate(action.candidate, localUser)
      const current = action.kind === 'update' ? this.store.list().find((p) => p.name === action.existingName) : undefined
      if (current) {
        await this.store.save({ ...current, ...fields, folder: current.folder, color: current.color, notes: current.notes }, current.profileId, current.revision)
        updated++
      } else {
        await this.store.save(fields)
        created++
      }
    }
    this.changed()
    return { created, updated }
  }

  /** Every profile as JSON to keep or move to another machine: no secrets, ever. */
  exportJson(): string {
    const profiles = this.store.list().map(({ lastUsedMs: _used, revision: _revision, ...profile }) => profile)
    return `${JSON.stringify({ skiffProfiles: 1, profiles }, null, 2)}\n`
  }

  /** Adds the profiles of an export; a name already taken is skipped (and stands in as a jump host), jump links are kept. */
  async importJson(text: string): Promise<{ created: number; skipped: number }> {
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch {
      throw new SkiffError('INVALID_REQUEST', 'That file is not JSON.')
    }
    const parsed = exportFile.safeParse(data)
    if (!parsed.success) throw new SkiffError('INVALID_REQUEST', 'That file is not a Skiff profile export.')
    const taken = new Map(this.store.list().map((p) => [p.name, p.profileId]))
    const newIds = new Map<string, ProfileId>()
    let created = 0
    let skipped = 0
    const incoming = parsed.data.profiles
    // Jump hosts first, so the profiles that use them can point at the new copies.
    const ordered = [...incoming].sort((a, b) => Number(Boolean(a.jumpProfileId)) - Number(Boolean(b.jumpProfileId)))
    for (const { profileId, jumpProfileId, ...fields } of ordered) {
      const existing = taken.get(fields.name)
      if (existing) {
        // A profile of that name is here already: it stands in as the jump host of the others.
        newIds.set(profileId, existing)
        skipped++
        continue
      }
      const jump = jumpProfileId ? newIds.get(jumpProfileId) : undefined
      const saved = await this.store.save({ ...fields, ...(jump ? { jumpProfileId: jump } : {}) })
      newIds.set(profileId, saved.profileId)
      taken.set(fields.name, saved.profileId)
      created++
    }
    this.changed()
    return { created, skipped }
  }

  secretsState(): SecretsState {
    return this.secrets.state()
  }

  async setMasterPassword(password: string): Promise<SecretsState> {
    await this.secrets.setMasterPassword(password)
    return this.secretsChanged()
  }

  async unlock(password: string): Promise<SecretsState> {
    await this.secrets.unlock(password)
    return this.secretsChanged()
  }

  async resetSecrets(): Promise<SecretsState> {
    await this.secrets.reset()
    this.changed()
    return this.secretsChanged()
  }

  private requireUnlocked(): void {
    const state = this.secrets.state()
    if (state.isUnlocked) return
    throw new SkiffError(
      'INVALID_REQUEST',
      state.isSet ? 'Unlock remembered passwords with the master password first.' : 'Set a master password first: it seals remembered passwords.',
    )
  }

  private secretsChanged(): SecretsState {
    const state = this.secrets.state()
    this.broadcast('secrets.changed', state)
    return state
  }

  private changed(): void {
    this.broadcast('profiles.changed', { profiles: this.list() })
  }
}
