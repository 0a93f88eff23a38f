import type { Handlers } from '../../../shared/ipc/rpc-server'
import type { EditingService } from '../../editing/editing-service'

/** `editor.*`: files read for the built-in editor and viewer, and saved back. */
export function editorHandlers(editing: EditingService): Pick<Handlers, 'editor.open' | 'editor.stage' | 'editor.save'> {
  return {
    'editor.open': (request, { signal }) => editing.open(request, signal),
    'editor.stage': async ({ stageId, text }) => ({ stageId: editing.stage(stageId, text) }),
    'editor.save': (request, { signal }) => editing.save(request, signal),
  }
}
