/** What the store needs of one open CodeMirror editor: its text, replacing it, and whether it changed. */
export interface EditorDocument {
  /** The text with `\n` line ends, as the editor holds it. */
  text(): string
  /** Puts `text` in place of everything (a reload), as one step that can be undone. */
  replace(text: string): void
  /** Counts edits: a save compares the count from before it with the count after. */
  readonly changes: number
}

// The text lives in CodeMirror, not in the store: a keystroke must not copy a 10 MB string.
const documents = new Map<string, EditorDocument>()

/** The open editors' documents, by editor id; each editor registers itself while mounted. */
export const editorDocuments = {
  register(editorId: string, document: EditorDocument): () => void {
    documents.set(editorId, document)
    return () => {
      if (documents.get(editorId) === document) documents.delete(editorId)
    }
  },
  get(editorId: string): EditorDocument | undefined {
    return documents.get(editorId)
  },
}
