import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands'
import { bracketMatching, defaultHighlightStyle, foldGutter, foldKeymap, indentOnInput, LanguageDescription, syntaxHighlighting } from '@codemirror/language'
import { oneDarkHighlightStyle } from '@codemirror/theme-one-dark'
import { languages } from '@codemirror/language-data'
import { gotoLine, highlightSelectionMatches, openSearchPanel, search, searchKeymap } from '@codemirror/search'
import { Compartment, EditorState, type Extension } from '@codemirror/state'
import {
  crosshairCursor,
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from '@codemirror/view'
import { styleNonce } from '../../style-nonce'

/** What the editor tells its tab as the person works. */
export interface CodeEditorEvents {
  /** The text changed (not on a reload's replace of it, which resets the tab to clean). */
  onChange(): void
  onSave(): void
  /** The cursor moved: line and column, from 1. */
  onCursor(line: number, column: number): void
}

/** One CodeMirror editor as a tab uses it. */
export interface CodeEditor {
  readonly view: EditorView
  /** Edits made so far (see EditorDocument.changes). */
  changes(): number
  setWrap(isWrapped: boolean): void
  /** Puts `text` in place of everything, as one undoable step, leaving the tab clean. */
  replace(text: string): void
  openSearch(): void
  /** Opens search with the replace field focused (Ctrl+H). */
  openReplace(): void
  goToLine(): void
  destroy(): void
}

// Colours from the page's theme, so the editor follows light and dark with the rest of Skiff.
const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--surface)', color: 'var(--text)', fontSize: '13px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.45' },
  '.cm-gutters': { backgroundColor: 'var(--surface-alt)', color: 'var(--text-muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--hover)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--hover)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--selection) !important' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-panels': { backgroundColor: 'var(--surface-alt)', color: 'var(--text)' },
  '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--border)' },
  // The search and go-to-line panels in the app's own look, not CodeMirror's grey defaults.
  '.cm-panel': { fontFamily: 'var(--font-ui)', fontSize: '12px', padding: '4px 8px' },
  '.cm-panel input[type=text], .cm-panel .cm-textfield': {
    font: 'inherit',
    padding: '2px 6px',
    border: '1px solid var(--border-strong)',
    borderRadius: '4px',
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
  },
  '.cm-panel button, .cm-panel .cm-button': {
    font: 'inherit',
    padding: '2px 8px',
    border: '1px solid var(--border-strong)',
    borderRadius: '4px',
    backgroundImage: 'none',
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
    textTransform: 'none',
  },
  '.cm-panel label': { display: 'inline-flex', alignItems: 'center', gap: '3px', fontSize: '12px' },
  '.cm-panel button[name=close]': { border: 'none', fontSize: '16px', color: 'var(--text-muted)' },
  '.cm-searchMatch': { backgroundColor: 'rgba(231, 180, 22, 0.35)' },
  '.cm-searchMatch-selected': { backgroundColor: 'rgba(231, 180, 22, 0.7)' },
})

const isDark = () => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false

/**
 * Makes a CodeMirror 6 editor in `parent` for a file named `name`: line numbers, folding,
 * highlighting by the name's language (loaded on demand), search and replace (Ctrl+F, Ctrl+H),
 * go to line (Ctrl+G), soft wrap as a switch. The text always holds `\n` line ends; the file's
 * own line ending is put back on save. Its styles carry the page's nonce, as the policy requires.
 */
export function createCodeEditor(parent: HTMLElement, name: string, text: string, isReadOnly: boolean, events: CodeEditorEvents): CodeEditor {
  const language = new Compartment()
  const wrapping = new Compartment()
  let changes = 0
  let isReplacing = false
  const extensions: Extension[] = [
    EditorView.cspNonce.of(styleNonce),
    EditorState.lineSeparator.of('\n'),
    EditorView.contentAttributes.of({ 'aria-label': 'Editor' }),
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    foldGutter(),
    drawSelection(),
    dropCursor(),
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    // Dark screens get One Dark's token colours: the default's blues are unreadable on near-black.
    syntaxHighlighting(isDark() ? oneDarkHighlightStyle : defaultHighlightStyle, { fallback: true }),
    bracketMatching(),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    search({ top: true }),
    keymap.of([
      { key: 'Mod-s', preventDefault: true, run: () => (events.onSave(), true) },
      { key: 'Mod-h', preventDefault: true, run: (view) => openReplaceIn(view) },
      { key: 'Mod-g', preventDefault: true, run: gotoLine },
      ...searchKeymap,
      ...defaultKeymap,
      ...historyKeymap,
      ...foldKeymap,
      indentWithTab,
    ]),
    theme,
    language.of([]),
    wrapping.of([]),
    EditorState.readOnly.of(isReadOnly),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) {
        changes++
        if (!isReplacing) events.onChange()
      }
      if (update.selectionSet || update.docChanged) {
        const head = update.state.selection.main.head
        const line = update.state.doc.lineAt(head)
        events.onCursor(line.number, head - line.from + 1)
      }
    }),
  ]
  const view = new EditorView({ parent, state: EditorState.create({ doc: text, extensions }) })
  const description = LanguageDescription.matchFilename(languages, name)
  if (description) {
    void description.load().then((support) => {
      if (!view.dom.isConnected) return
      view.dispatch({ effects: language.reconfigure(support) })
    })
  }
  return {
    view,
    changes: () => changes,
    setWrap: (isWrapped) => view.dispatch({ effects: wrapping.reconfigure(isWrapped ? EditorView.lineWrapping : []) }),
    replace(next) {
      isReplacing = true
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } })
      } finally {
        isReplacing = false
      }
    },
    openSearch: () => void openSearchPanel(view),
    openReplace: () => void openReplaceIn(view),
    goToLine: () => void gotoLine(view),
    destroy: () => view.destroy(),
  }
}

// CodeMirror's search panel holds the replace field too: Ctrl+H opens it there.
function openReplaceIn(view: EditorView): boolean {
  openSearchPanel(view)
  requestAnimationFrame(() => view.dom.querySelector<HTMLInputElement>('.cm-search input[name="replace"]')?.focus())
  return true
}
