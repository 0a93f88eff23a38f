import { z } from 'zod'
import type { CompareId, FindId, ProfileId, PromptId, SessionId, SyncPreviewId, TerminalId, TransferId, WatchId } from '../models/ids'
import { profileColors } from '../models/profile'
import { stagePieceChars } from '../models/editor'
import { bookmarksMax } from '../models/settings'
import type { Channel, Req } from './contract'

// Limits keep a hostile or buggy client from making the main process do unbounded work.
const pathText = z.string().min(1).max(4096).refine((s) => !s.includes('\0'), 'Paths cannot contain NUL.')
const idText = z.string().min(1).max(128)
const selection = z.array(pathText).min(1, 'Nothing selected.').max(100_000)
const modeBits = z.number().int().min(0).max(0o7777)
// A user or group name as POSIX allows it, or a number.
const ownerText = z.string().regex(/^[A-Za-z0-9_.][A-Za-z0-9_.@-]{0,63}\$?$/, 'Not a user or group name, nor a number.')
const sessionId = idText.transform((s) => s as SessionId)
const promptId = idText.transform((s) => s as PromptId)
const empty = z.strictObject({})
const transferId = idText.transform((s) => s as TransferId)
const transferRef = z.strictObject({ transferId })
const syncPreviewId = idText.transform((s) => s as SyncPreviewId)
const terminalId = idText.transform((s) => s as TerminalId)
// A PTY larger than any screen is a mistake (or a hostile client), not a terminal.
const cols = z.number().int().min(1).max(1000)
const rows = z.number().int().min(1).max(500)
const profileId = idText.transform((s) => s as ProfileId)
const optionalText = (max: number) => z.string().max(max).optional()
// Field rules a person can break (empty host, bad port) are checked by the store, with messages.
const profileFields = z.strictObject({
  name: z.string().max(200),
  host: z.string().max(255),
  port: z.number(),
  username: z.string().max(256),
  authMethod: z.enum(['password', 'key', 'agent', 'keyboard-interactive']),
  privateKeyPath: optionalText(4096),
  jumpProfileId: profileId.optional(),
  proxyJump: optionalText(1024),
  localFolder: optionalText(4096),
  remoteFolder: optionalText(4096),
  keepaliveSeconds: z.number().int().min(0).max(3600).optional(),
  folder: z.string().max(200),
  color: z.enum(profileColors),
  notes: optionalText(10_000),
})
// One message of a save's text: larger texts go ahead in pieces (editor.stage).
const textPiece = z.string().max(stagePieceChars)
const bookmarkList = z.array(pathText).max(bookmarksMax)
const masterPassword = z.strictObject({ password: z.string().min(1).max(1024) })
const terminalSettings = z.strictObject({
  scrollback: z.number().int().min(0).max(1_000_000).optional(),
  copyOnSelect: z.boolean().optional(),
  allowClipboardWrite: z.boolean().optional(),
  screenReaderMode: z.boolean().optional(),
})

const remoteTarget = z.strictObject({ kind: z.literal('remote'), sessionId })
const criteria = z.strictObject({ isTimeCompared: z.boolean(), isSizeCompared: z.boolean(), isChecksumCompared: z.boolean(), toleranceSeconds: z.number().min(0).max(86_400) })
const target = z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('local') }), remoteTarget])

const connectHop = z.strictObject({
  host: z
    .string()
    .trim()
    .min(1, 'Host is required.')
    .max(255)
    .refine((s) => !/[\s/\\@]/.test(s), 'Host cannot contain spaces, slashes or @.'),
  port: z.number().int().min(1, 'Port must be 1–65535.').max(65535, 'Port must be 1–65535.').optional(),
  username: z.string().min(1, 'User is required.').max(256),
  password: z.string().max(4096).optional(),
  privateKeyPath: z.string().max(4096).optional(),
  passphrase: z.string().max(4096).optional(),
  useAgent: z.boolean().optional(),
  tryKeyboardInteractive: z.boolean().optional(),
  keepaliveSeconds: z.number().int().min(1).max(3600).optional(),
})

const connect = connectHop.extend({ jumps: z.array(connectHop).max(8, 'At most 8 jump hosts.').optional() })

const answer = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('host-key'), decision: z.enum(['trust-save', 'trust-once', 'reject']) }),
  z.strictObject({
    kind: z.literal('keyboard-interactive'),
    responses: z.array(z.string().max(4096)).max(32).nullable(),
  }),
])

/** One schema per request channel; the `satisfies` keeps them in step with the contract. */
export const requestSchemas = {
  'app.info': empty,
  'app.chooseFile': z.strictObject({ purpose: z.literal('private-key') }),
  'session.connect': connect,
  'session.answer': z.strictObject({ promptId, answer }),
  'session.reconnect': z.strictObject({ sessionId }),
  'session.disconnect': z.strictObject({ sessionId }),
  'session.replaceHostKey': z.strictObject({ host: z.string().min(1).max(255), port: z.number().int().min(1).max(65535), fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'Not a SHA256 fingerprint.') }),
  'session.list': empty,
  'fs.list': z.strictObject({ target, path: pathText }),
  'fs.stat': z.strictObject({ target, path: pathText }),
  'fs.realpath': z.strictObject({ target, path: pathText }),
  'fs.home': z.strictObject({ target }),
  'fs.rename': z.strictObject({ target, from: pathText, to: pathText, isReplace: z.boolean().optional() }),
  'fs.capabilities': z.strictObject({ target }),
  'fs.mkdir': z.strictObject({ target, path: pathText }),
  'fs.createFile': z.strictObject({ target, path: pathText }),
  'fs.symlink': z.strictObject({ target, path: pathText, linkTarget: pathText }),
  'fs.count': z.strictObject({ target, paths: selection }),
  'fs.delete': z.strictObject({ target, paths: selection, isPermanent: z.boolean() }),
  'fs.setAttributes': z.strictObject({
    target,
    paths: selection,
    permissions: z.strictObject({ set: modeBits, clear: modeBits }).optional(),
    owner: ownerText.optional(),
    group: ownerText.optional(),
    isRecursive: z.boolean(),
    isAddFolderExecute: z.boolean(),
  }),
  'fs.folderSize': z.strictObject({ target, paths: selection }),
  'fs.duplicate': z.strictObject({ target, path: pathText, name: z.string().min(1).max(1024) }),
  'editor.open': z.strictObject({ target, path: pathText, purpose: z.enum(['edit', 'view']), isLargeAllowed: z.boolean().optional() }),
  'editor.stage': z.strictObject({ stageId: idText.optional(), text: textPiece }),
  'editor.save': z.strictObject({
    target,
    path: pathText,
    text: textPiece,
    stageId: idText.optional(),
    format: z.strictObject({ eol: z.enum(['lf', 'crlf']), hasBom: z.boolean() }),
    expected: z.strictObject({ size: z.number().int().min(0), mtimeMs: z.number().min(0) }),
    isForced: z.boolean().optional(),
    isOwnerChangeAllowed: z.boolean().optional(),
  }),
  'editing.start': z.strictObject({ target, path: pathText, command: z.string().max(4096).optional() }),
  'editing.list': empty,
  'editing.stop': z.strictObject({ editId: idText }),
  'editing.overwrite': z.strictObject({ editId: idText }),
  'find.start': z.strictObject({ target, folder: pathText, mask: z.string().max(4096), isHiddenIncluded: z.boolean() }),
  'find.stop': z.strictObject({ findId: idText.transform((s) => s as FindId) }),
  'sync.preview': z.strictObject({
    localFolder: pathText,
    remote: remoteTarget,
    remoteFolder: pathText,
    direction: z.enum(['upload', 'download', 'both']),
    mode: z.enum(['update', 'mirror']),
    isDeleteExtra: z.boolean(),
    criteria,
    mask: z.string().max(4096),
    isGitignoreHonoured: z.boolean(),
  }),
  'sync.start': z.strictObject({
    previewId: syncPreviewId,
    uncheckedIds: z.array(z.number().int().min(0)).max(10_000_000),
    resolutions: z.array(z.strictObject({ id: z.number().int().min(0), keep: z.enum(['local', 'remote']) })).max(10_000_000).optional(),
    deployGroup: z.string().uuid().optional(),
  }),
  'sync.discard': z.strictObject({ previewId: syncPreviewId }),
  'compare.folders': z.strictObject({ compareId: idText.transform((s) => s as CompareId), localFolder: pathText, remote: remoteTarget, remoteFolder: pathText, criteria, isDeep: z.boolean() }),
  'sync.watchStart': z.strictObject({
    localFolder: pathText,
    remote: z.strictObject({ kind: z.literal('remote'), sessionId }),
    remoteFolder: pathText,
    isSubfoldersIncluded: z.boolean(),
    mask: z.string().max(4096),
    isGitignoreHonoured: z.boolean(),
    isDeleteExtra: z.boolean(),
    debounceMs: z.number().int().min(100).max(600_000),
    afterTransferId: transferId.optional(),
  }),
  'sync.watchStop': z.strictObject({ watchId: idText.transform((s) => s as WatchId) }),
  'transfer.enqueue': z.strictObject({
    from: target,
    paths: z.array(pathText).min(1, 'Nothing selected.').max(10_000),
    to: target,
    folder: pathText,
    isMove: z.boolean().optional(),
    deployGroup: z.string().uuid().optional(),
  }),
  'transfer.list': empty,
  'transfer.pause': transferRef,
  'transfer.resume': transferRef,
  'transfer.cancel': transferRef,
  'transfer.retry': transferRef,
  'transfer.retryFailed': empty,
  'transfer.cancelAll': empty,
  'transfer.clearFinished': empty,
  'transfer.resolveConflict': z.strictObject({
    conflictId: idText,
    choice: z.enum(['overwrite', 'skip', 'rename', 'resume', 'overwrite-if-newer']),
    isApplyToAll: z.boolean(),
  }),
  'upload.begin': z.strictObject({ name: z.string().min(1).max(1024), size: z.number().int().min(0).max(2 ** 52), mtimeMs: z.number().min(0) }),
  'upload.write': z.strictObject({
    uploadId: idText,
    offset: z.number().int().min(0).max(2 ** 52),
    // 1 MiB decoded is 1,398,104 characters of base64.
    data: z.string().max(1_398_104).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Data must be base64.'),
  }),
  'upload.finish': z.strictObject({ uploadId: idText, to: target, folder: pathText }),
  'upload.discard': z.strictObject({ uploadId: idText }),
  'settings.get': empty,
  'settings.update': z.strictObject({
    transfer: z.strictObject({ preservePermissions: z.boolean().optional(), verifyChecksums: z.boolean().optional(), confirmMove: z.boolean().optional(), copyLinksAsLinks: z.boolean().optional() }).optional(),
    terminal: terminalSettings.optional(),
    editing: z.strictObject({ externalCommand: z.string().max(4096).optional(), isExternalDefault: z.boolean().optional() }).optional(),
    sync: z.strictObject({ toleranceSeconds: z.number().min(0).max(86_400).optional(), parallelServers: z.number().int().min(1).max(16).optional() }).optional(),
    bookmarks: z
      .strictObject({ local: bookmarkList.optional(), remote: z.record(z.string().min(1).max(600), bookmarkList).optional() })
      .optional(),
  }),
  'terminal.open': z.strictObject({ sessionId, cols, rows, folder: pathText.optional() }),
  // A paste can be large, but not unbounded.
  'terminal.list': empty,
  'terminal.attach': z.strictObject({ terminalId }),
  'terminal.input': z.strictObject({ terminalId, data: z.string().min(1).max(1024 * 1024) }),
  'terminal.resize': z.strictObject({ terminalId, cols, rows }),
  'terminal.ack': z.strictObject({ terminalId, chars: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
  'terminal.close': z.strictObject({ terminalId }),
  'terminal.cd': z.strictObject({ terminalId, path: pathText.refine((s) => !/[\r\n]/.test(s), 'A folder to cd to cannot contain a line break.') }),
  'terminal.folder': z.strictObject({ terminalId }),
  'terminal.isBusy': z.strictObject({ terminalId }),
  'profiles.list': empty,
  'profiles.save': z.strictObject({
    profileId: profileId.optional(),
    revision: z.number().int().min(1).optional(),
    fields: profileFields,
    secret: z.string().max(4096).nullable().optional(),
    rememberSecret: z.boolean(),
  }),
  'profiles.delete': z.strictObject({ profileId }),
  'profiles.duplicate': z.strictObject({ profileId }),
  'profiles.move': z.strictObject({ profileId, folder: z.string().max(200) }),
  'profiles.setBookmarks': z.strictObject({ profileId, bookmarks: bookmarkList }),
  'profiles.connect': z.strictObject({ profileId, secret: z.string().max(4096).optional() }),
  'profiles.importPreview': z.strictObject({ path: pathText.optional() }),
  'profiles.importConfig': z.strictObject({ path: pathText.optional(), aliases: z.array(z.string().min(1).max(200)).max(10_000) }),
  'profiles.exportJson': empty,
  'profiles.importJson': z.strictObject({ text: z.string().min(1).max(16 * 1024 * 1024) }),
  'secrets.state': empty,
  'secrets.setMaster': masterPassword,
  'secrets.unlock': masterPassword,
  'secrets.reset': empty,
} satisfies { [K in Channel]: z.ZodType<Req<K>, unknown> }

/**
 * Validates one untrusted payload. The message names the first problem in plain words.
 */
export function validateRequest(channel: Channel, payload: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const result = requestSchemas[channel].safeParse(payload)
  if (result.success) return { ok: true, value: result.data }
  const issue = result.error.issues[0]
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
  return { ok: false, message: `Invalid ${channel} request: ${where}${issue?.message ?? 'malformed'}` }
}
