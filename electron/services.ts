import { homedir } from 'node:os'
import { join } from 'node:path'
import type { Emit } from '../shared/ipc/messages'
import type { Events } from '../shared/ipc/contract'
import { createRpcServer, type Handlers, type RpcPeer } from '../shared/ipc/rpc-server'
import { validateRequest } from '../shared/ipc/schemas'
import type { AppInfo } from '../shared/models/app'
import type { FsTarget } from '../shared/models/fs'
import type { TransferId } from '../shared/models/ids'
import { appHandlers, type ChooseFile } from './ipc/handlers/app-handlers'
import { fsHandlers } from './ipc/handlers/fs-handlers'
import { findHandlers } from './ipc/handlers/find-handlers'
import { FindService } from './find/find-service'
import { syncHandlers } from './ipc/handlers/sync-handlers'
import { SkiffError } from '../shared/models/errors'
import { compareHandlers } from './ipc/handlers/compare-handlers'
import { SyncService } from './sync/sync-service'
import { SyncStateStore } from './sync/sync-state'
import { CompareService } from './compare/compare-service'
import { KeepUpToDateService } from './sync/keep-up-to-date'
import { sessionHandlers } from './ipc/handlers/session-handlers'
import { createEventHub } from './ipc/event-hub'
import { mapError } from './ipc/map-error'
import { createLocalFs } from './local/local-fs'
import { FileOperations, type TrashItem } from './operations/file-operations'
import { KnownHostsStore } from './ssh/known-hosts'
import { PromptBroker } from './ssh/prompt-broker'
import { SessionManager } from './ssh/session-manager'
import { settingsHandlers } from './ipc/handlers/settings-handlers'
import { uploadHandlers } from './ipc/handlers/upload-handlers'
import { UploadStaging } from './transfer/upload-staging'
import { SettingsStore } from './settings/settings-store'
import { transferHandlers } from './ipc/handlers/transfer-handlers'
import { createEndpoints } from './transfer/queue/transfer-endpoints'
import { TransferQueue } from './transfer/queue/transfer-queue'
import { terminalHandlers } from './ipc/handlers/terminal-handlers'
import { TerminalManager } from './terminal/terminal-manager'
import { profileHandlers } from './ipc/handlers/profile-handlers'
import { ProfileSecrets, type OsSealer } from './profiles/profile-secrets'
import { ProfileService } from './profiles/profile-service'
import { ProfileStore } from './profiles/profile-store'
import { EditingService } from './editing/editing-service'
import { ExternalEditing } from './editing/external-editing'
import { createEditorLauncher, type OpenPath } from './editing/launch-editor'
import { editorHandlers } from './ipc/handlers/editor-handlers'

/** How the host process runs Skiff. */
export interface ServicesOptions {
  readonly mode: AppInfo['mode']
  readonly version: string
  /** Where profiles, settings and Skiff's own known_hosts live. */
  readonly dataDir: string
  /** The OS keyring's encryption (Electron safeStorage) where it works; else a master password seals secrets. */
  readonly osSealer?: OsSealer | null
  /** The OS file chooser (Electron's dialog); absent in browser mode. */
  readonly chooseFile?: ChooseFile
  /** The OS trash (Electron's shell.trashItem); absent in browser mode, where local deletes are permanent. */
  readonly trash?: TrashItem
  /** Opens a file with the OS's default application (Electron's shell.openPath); browser mode uses the platform's opener. */
  readonly openPath?: OpenPath
}

/** Everything behind the IPC contract, ready for an adapter to serve. */
export interface Services {
  /** Serves one client (a window, a browser tab): requests in, replies and events out. */
  connect(emit: Emit): RpcPeer
  /** Closes every session (the host is shutting down). */
  dispose(): void
}

function agentSocket(): string | undefined {
  if (process.env.SSH_AUTH_SOCK) return process.env.SSH_AUTH_SOCK
  return process.platform === 'win32' ? 'pageant' : undefined
}

/**
 * The composition root shared by the Electron main process and browser mode: the same
 * services, whichever shell carries the messages.
 */
export async function createServices(options: ServicesOptions): Promise<Services> {
  const localHome = homedir()
  const startupProblems: string[] = []
  const settings = new SettingsStore(options.dataDir, (message) => startupProblems.push(message))
  await settings.load()
  const book = new KnownHostsStore({
    readOnlyPaths: [join(localHome, '.ssh', 'known_hosts')],
    writablePath: join(options.dataDir, 'known_hosts'),
    onUnreadable: (path) => console.error(`Skipping unreadable known_hosts file ${path}.`),
  })
  const prompts = new PromptBroker()
  const hub = createEventHub()
  // Files edited with other programs follow their save jobs and the sessions those need.
  // It is made after the sessions and the queue, which need this broadcast first.
  // So do Keep up to date's watches.
  const followers: { external?: ExternalEditing; keeping?: KeepUpToDateService } = {}
  const broadcast: Emit = (channel, payload) => {
    hub.broadcast(channel, payload)
    if (channel === 'transfer.changed') {
      followers.external?.onJobChanged(payload as Events['transfer.changed'])
      followers.keeping?.onJobChanged(payload as Events['transfer.changed'])
    } else if (channel === 'session.changed') {
      followers.external?.onSessionChanged(payload as Events['session.changed'])
      followers.keeping?.onSessionChanged(payload as Events['session.changed'])
    } else if (channel === 'session.closed') void followers.keeping?.onSessionClosed((payload as Events['session.closed']).sessionId)
  }
  const sessions = new SessionManager({ book, prompts, broadcast, agent: agentSocket() })
  const endpoints = createEndpoints(sessions)
  const queue = new TransferQueue({
    endpoints,
    broadcast,
    settings: () => settings.get().transfer,
    deployLimit: () => settings.get().sync.parallelServers,
    // A job's reconnect may need a person (a changed key, a one-time code): every window can answer.
    reconnect: async (target, signal) => {
      if (target.kind === 'remote') await sessions.reconnect(target.sessionId, { emit: broadcast, signal })
    },
  })
  const localFs = createLocalFs()
  const fsOf = (target: FsTarget) => (target.kind === 'local' ? localFs : sessions.fsOf(target.sessionId))
  const operations = new FileOperations({ fsOf, queue, trash: options.trash, platform: process.platform })
  const find = new FindService({
    fsOf,
    endpoints,
    commandsOf: (target) => (target.kind === 'local' ? null : (command, signal) => sessions.connectionOf(target.sessionId).channels.command(command, 'transfer', signal)),
  })
  const sync = new SyncService({
    endpoints,
    enqueue: (work, deployGroup) => queue.enqueueSync(work, deployGroup ? { id: deployGroup, limit: () => settings.get().sync.parallelServers } : undefined),
    platform: process.platform,
    states: new SyncStateStore(join(options.dataDir, 'sync-state')),
    serverOf: (sessionId) => {
      const server = sessions.list().find((session) => session.sessionId === sessionId)
      if (!server) throw new SkiffError('NOT_FOUND', 'That session is closed: connect again.')
      return `${server.username}@${server.host}:${server.port}`
    },
  })
  const jobState = (transferId: TransferId) => queue.list().find((job) => job.transferId === transferId)?.state
  const keeping = new KeepUpToDateService({
    endpoints,
    enqueue: (work) => queue.enqueueSync(work),
    jobState,
    reconnect: async (sessionId, signal) => void (await sessions.reconnect(sessionId, { emit: broadcast, signal })),
  })
  followers.keeping = keeping
  const terminals = new TerminalManager(sessions)
  const profileStore = new ProfileStore(options.dataDir, (message) => startupProblems.push(message))
  await profileStore.load()
  const secrets = new ProfileSecrets(options.dataDir, options.osSealer ?? null, (message) => startupProblems.push(message))
  await secrets.load()
  const profiles = new ProfileService(profileStore, secrets, sessions, hub.broadcast)
  const staging = new UploadStaging(join(options.dataDir, 'staging'))
  await staging.clear()
  const external = new ExternalEditing({
    fsOf,
    enqueue: (plan) => queue.enqueueOperation(plan),
    jobState,
    retry: (transferId) => queue.retry(transferId),
    launch: createEditorLauncher(options.openPath),
    onChange: (edit) => hub.broadcast('editing.changed', edit),
    onRemove: (editId) => hub.broadcast('editing.removed', { editId }),
  })
  followers.external = external
  const info: AppInfo = { version: options.version, mode: options.mode, platform: process.platform, dataDir: options.dataDir, localHome, startupProblems }
  const handlers: Handlers = {
    ...appHandlers(info, options.chooseFile),
    ...sessionHandlers(sessions, prompts),
    ...fsHandlers(fsOf, operations),
    ...editorHandlers(new EditingService(fsOf), external),
    ...findHandlers(find),
    ...syncHandlers(sync, keeping),
    ...compareHandlers(new CompareService(endpoints)),
    ...transferHandlers(queue),
    ...settingsHandlers(settings, hub.broadcast),
    ...uploadHandlers(staging, queue),
    ...terminalHandlers(terminals),
    ...profileHandlers(profiles),
  }
  const server = createRpcServer(handlers, validateRequest, mapError)

  return {
    connect(emit) {
      const peer = server.connect(emit)
      const remove = hub.add(emit)
      return {
        handle: (message) => peer.handle(message),
        cancel: (id) => peer.cancel(id),
        close() {
          remove()
          peer.close()
          terminals.detachOwnedBy(emit)
          find.stopOwnedBy(emit)
          sync.discardOwnedBy(emit)
          void keeping.stopOwnedBy(emit)
        },
      }
    },
    dispose() {
      void external.dispose()
      void keeping.dispose()
      queue.dispose()
      terminals.closeAll()
      sessions.closeAll()
    },
  }
}
