import type { Emit } from '../../shared/ipc/messages'
import { SkiffError } from '../../shared/models/errors'
import type { ProfileId } from '../../shared/models/ids'
import type { HostProfile, ProfileSaveRequest, SecretsState } from '../../shared/models/profile'
import type { ConnectRequest, SessionInfo } from '../../shared/models/session'
import type { Caller, SessionManager } from '../ssh/session-manager'
import type { ProfileSecrets } from './profile-secrets'
import type { ProfileStore } from './profile-store'

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

  /** Connects with the profile's remembered secret, or `typed` when given. */
  async connect(profileId: ProfileId, caller: Caller, typed?: string): Promise<SessionInfo> {
    const profile = this.store.get(profileId)
    if (profile.jumpProfileId || profile.proxyJump) {
      throw new SkiffError('UNSUPPORTED', `${profile.name} goes through a jump host, which this version of Skiff cannot connect through yet.`)
    }
    const id = secretId(profileId)
    let secret = typed
    if (secret === undefined && this.secrets.has(id)) {
      this.requireUnlocked()
      secret = this.secrets.get(id)
    }
    const request: ConnectRequest = {
      host: profile.host,
      port: profile.port,
      username: profile.username,
      ...(profile.keepaliveSeconds ? { keepaliveSeconds: profile.keepaliveSeconds } : {}),
      ...(profile.authMethod === 'password' ? { password: secret ?? '', useAgent: false } : {}),
      ...(profile.authMethod === 'key' ? { privateKeyPath: profile.privateKeyPath, passphrase: secret, useAgent: false } : {}),
      ...(profile.authMethod === 'agent' ? { useAgent: true, tryKeyboardInteractive: false } : {}),
      ...(profile.authMethod === 'keyboard-interactive' ? { useAgent: false, tryKeyboardInteractive: true } : {}),
    }
    const session = await this.sessions.connect(request, caller)
    await this.store.touch(profileId).catch(() => undefined)
    this.changed()
    return session
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
