import { useEffect, useMemo, useRef, useState } from 'react'
import { useEditorsStore, type EditorTab } from '../../stores/editors-store'
import { createCodeEditor, type CodeEditor } from './code-editor'
import { editorDocuments } from './editor-documents'
import { bytesOfBase64, hexLines } from './hex-lines'

/** What the status line says about the save. */
function saveWord(tab: EditorTab): string {
  if (tab.isReadOnly) return 'Read-only'
  switch (tab.save.kind) {
    case 'saving':
      return 'Saving…'
    case 'waiting':
    case 'failed':
      return tab.save.message
    default:
      return tab.isDirty ? 'Unsaved changes' : tab.savedAt ? `Saved at ${new Date(tab.savedAt).toLocaleTimeString(undefined, { hour12: false })}` : 'No changes'
  }
}

/** The text of a tab in CodeMirror, with its toolbar: Save, Find, Replace, Go to line, Wrap lines, Reload. */
function TextEditor({ tab, isActive }: { readonly tab: EditorTab; readonly isActive: boolean }) {
  const hostRef = useRef<HTMLDivElement>(null)
  const editorRef = useRef<CodeEditor | null>(null)
  const [isWrapped, setIsWrapped] = useState(false)
  const [cursor, setCursor] = useState({ line: 1, column: 1 })
  const { editorId, content } = tab
  const text = content.kind === 'text' ? content.text : ''

  useEffect(() => {
    const { markDirty, save } = useEditorsStore.getState()
    const editor = createCodeEditor(hostRef.current!, tab.name, text, tab.isReadOnly, {
      onChange: () => markDirty(editorId, true),
      onSave: () => void save(editorId),
      onCursor: (line, column) => setCursor({ line, column }),
    })
    editorRef.current = editor
    const unregister = editorDocuments.register(editorId, {
      text: () => editor.view.state.doc.toString(),
      replace: (next) => editor.replace(next),
      get changes() {
        return editor.changes()
      },
    })
    return () => {
      unregister()
      editor.destroy()
      editorRef.current = null
    }
    // The editor is made once per tab; its text then lives in CodeMirror.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editorId])

  useEffect(() => {
    if (isActive) editorRef.current?.view.focus()
  }, [isActive])

  const toggleWrap = () => {
    editorRef.current?.setWrap(!isWrapped)
    setIsWrapped(!isWrapped)
    // Typing goes on in the text: a space must not press the button again.
    editorRef.current?.view.focus()
  }
  const format = content.kind === 'text' ? content.format : null
  return (
    <>
      <div className="terminal-toolbar editor-toolbar">
        {!tab.isReadOnly && (
          <button type="button" title="Save to the server (Ctrl+S)" disabled={tab.save.kind === 'saving'} onClick={() => void useEditorsStore.getState().save(editorId)}>
            Save
          </button>
        )}
        <button type="button" title="Find (Ctrl+F)" onClick={() => editorRef.current?.openSearch()}>
          Find
        </button>
        {!tab.isReadOnly && (
          <button type="button" title="Find and replace (Ctrl+H)" onClick={() => editorRef.current?.openReplace()}>
            Replace
          </button>
        )}
        <button type="button" title="Go to line (Ctrl+G)" onClick={() => editorRef.current?.goToLine()}>
          Go to line
        </button>
        <button type="button" aria-pressed={isWrapped} title="Wrap long lines at the window's edge" onClick={toggleWrap}>
          Wrap lines
        </button>
        <span className="terminal-title" title={tab.title}>
          {tab.title}
        </span>
      </div>
      <div ref={hostRef} className="editor-host" />
      <div className={`editor-status save-${tab.save.kind}`} role="status" aria-label="Editor status">
        <span className="editor-save">{saveWord(tab)}</span>
        <span>
          Line {cursor.line}, column {cursor.column}
        </span>
        {format && <span>{format.hasBom ? 'UTF-8 with BOM' : 'UTF-8'}</span>}
        {format && <span>{format.eol === 'crlf' ? 'CRLF' : 'LF'}</span>}
      </div>
    </>
  )
}

/** An image, scaled down to fit, never up; drawn through `<img>`, so an SVG's scripts never run. */
function ImageView({ tab }: { readonly tab: EditorTab }) {
  if (tab.content.kind !== 'image') return null
  return (
    <div className="editor-image">
      <img src={`data:${tab.content.mime};base64,${tab.content.base64}`} alt={tab.name} />
    </div>
  )
}

/** Size, type and the first 64 KiB in hex, for a file that is neither text nor an image. */
function HexView({ tab }: { readonly tab: EditorTab }) {
  const lines = useMemo(() => (tab.content.kind === 'hex' ? hexLines(bytesOfBase64(tab.content.head)) : []), [tab.content])
  if (tab.content.kind !== 'hex') return null
  const shown = lines.length * 16 >= tab.version.size ? 'all of it' : `the first ${(lines.length * 16).toLocaleString()} bytes`
  const kind = tab.content.reason === 'binary' ? 'Binary file' : 'Not UTF-8 text'
  return (
    <div className="editor-hex">
      <p className="editor-hex-summary">
        {kind}, {tab.version.size.toLocaleString()} bytes; showing {shown}.
      </p>
      <pre aria-label="Hex view">{lines.join('\n')}</pre>
    </div>
  )
}

/** One editor or viewer tab's page. Every one stays mounted (its undo history lives in the editor); only the active one shows. */
export function EditorPanel({ tab, isActive }: { readonly tab: EditorTab; readonly isActive: boolean }) {
  return (
    <div className="terminal-view editor-view" hidden={!isActive}>
      {tab.content.kind === 'text' && <TextEditor tab={tab} isActive={isActive} />}
      {tab.content.kind === 'image' && (
        <>
          <div className="terminal-toolbar editor-toolbar">
            <span className="terminal-title">{tab.title}</span>
          </div>
          <ImageView tab={tab} />
        </>
      )}
      {tab.content.kind === 'hex' && (
        <>
          <div className="terminal-toolbar editor-toolbar">
            <span className="terminal-title">{tab.title}</span>
          </div>
          <HexView tab={tab} />
        </>
      )}
    </div>
  )
}
