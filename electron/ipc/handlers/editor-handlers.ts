import type { Handlers } from '../../../shared/ipc/rpc-server'
import type { EditingService } from '../../editing/editing-service'
import type { ExternalEditing } from '../../editing/external-editing'

type EditorChannels = 'editor.open' | 'editor.stage' | 'editor.save' | 'editing.start' | 'editing.list' | 'editing.stop' | 'editing.overwrite'

/** `editor.*`: files read for the built-in editor and viewer, and saved back; `editing.*`: files edited with other programs. */
export function editorHandlers(editing: EditingService, external: ExternalEditing): Pick<Handlers, EditorChannels> {
  return {
    'editor.open': (request, { signal }) => editing.open(request, signal),
    'editor.stage': async ({ stageId, text }) => ({ stageId: editing.stage(stageId, text) }),
    'editor.save': (request, { signal }) => editing.save(request, signal),
    'editing.start': (request, { signal }) => external.start(request, signal),
    'editing.list': async () => external.list(),
    'editing.stop': async ({ editId }) => {
      await external.stop(editId)
      return null
    },
    'editing.overwrite': async ({ editId }) => {
      external.overwrite(editId)
      return null
    },
  }
}
