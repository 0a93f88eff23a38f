import { stagePieceChars, type FileVersion, type SavedFile, type TextFormat } from '../../../shared/models/editor'
import type { FsTarget } from '../../../shared/models/fs'
import type { Envelope } from '../../../shared/ipc/messages'
import { rpc } from '../../ipc/client'

/** One save: where, what, and the version it expects to replace. */
export interface SaveText {
  readonly target: FsTarget
  readonly path: string
  readonly text: string
  readonly format: TextFormat
  readonly expected: FileVersion
  readonly isForced?: boolean
  readonly isOwnerChangeAllowed?: boolean
}

/**
 * Sends a save, its text in pieces when it is longer than one message may carry (all but the
 * last staged, the last with the save itself).
 */
export async function sendSave(save: SaveText): Promise<Envelope<SavedFile>> {
  const { text } = save
  let stageId: string | undefined
  let from = 0
  while (text.length - from > stagePieceChars) {
    const reply = await rpc.request('editor.stage', { text: text.slice(from, from + stagePieceChars), ...(stageId ? { stageId } : {}) })
    if (!reply.ok) return reply
    stageId = reply.value.stageId
    from += stagePieceChars
  }
  return rpc.request('editor.save', {
    target: save.target,
    path: save.path,
    text: text.slice(from),
    format: save.format,
    expected: save.expected,
    ...(stageId ? { stageId } : {}),
    ...(save.isForced ? { isForced: true } : {}),
    ...(save.isOwnerChangeAllowed ? { isOwnerChangeAllowed: true } : {}),
  })
}
