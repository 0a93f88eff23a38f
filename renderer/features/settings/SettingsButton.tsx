import { useRef, useState } from 'react'
import { Dialog } from '../../components/Dialog'
import { useSettingsStore } from '../../stores/settings-store'
import { CompareSettings } from './CompareSettings'
import { scrollbackProblem } from './setting-values'

function TransferSettings() {
  const transfer = useSettingsStore((state) => state.settings.transfer)
  const update = useSettingsStore((state) => state.update)
  return (
    <fieldset className="settings-group">
      <legend>Transfers</legend>
      <label className="toggle">
        <input type="checkbox" checked={transfer.confirmMove} onChange={(event) => void update({ transfer: { confirmMove: event.target.checked } })} />
        Ask before moving
      </label>
      <label className="toggle">
        <input type="checkbox" checked={transfer.copyLinksAsLinks} onChange={(event) => void update({ transfer: { copyLinksAsLinks: event.target.checked } })} />
        Copy links as links
      </label>
    </fieldset>
  )
}

function TerminalSettings({ onProblem }: { readonly onProblem: (problem: string | null) => void }) {
  const terminal = useSettingsStore((state) => state.settings.terminal)
  const update = useSettingsStore((state) => state.update)
  const [scrollback, setScrollback] = useState(String(terminal.scrollback))
  const [problem, setProblem] = useState<string | null>(null)
  // Checked as it is typed, so the reason shows (and goes) before anything else is clicked; a
  // value that cannot be saved stays in the box until it is fixed.
  const edit = (text: string) => {
    setScrollback(text)
    const refused = scrollbackProblem(text)
    setProblem(refused)
    onProblem(refused)
  }
  const saveScrollback = () => {
    if (!scrollbackProblem(scrollback) && Number(scrollback) !== terminal.scrollback) void update({ terminal: { scrollback: Number(scrollback) } })
  }
  const toggle = (field: 'copyOnSelect' | 'allowClipboardWrite' | 'screenReaderMode', label: string) => (
    <label className="toggle">
      <input type="checkbox" checked={terminal[field]} onChange={(event) => void update({ terminal: { [field]: event.target.checked } })} />
      {label}
    </label>
  )
  return (
    <fieldset className="settings-group">
      <legend>Terminal</legend>
      <label className="field">
        <span>Scrollback lines</span>
        <input
          inputMode="numeric"
          value={scrollback}
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'scrollback-problem' : undefined}
          onChange={(event) => edit(event.target.value)}
          onBlur={saveScrollback}
          onKeyDown={(event) => {
            if (event.key === 'Enter') saveScrollback()
          }}
        />
      </label>
      {problem && (
        <p id="scrollback-problem" role="alert" className="form-error">
          {problem}
        </p>
      )}
      {toggle('copyOnSelect', 'Copy on select')}
      {toggle('allowClipboardWrite', 'Let programs on the server set the clipboard')}
      {toggle('screenReaderMode', 'Screen reader mode')}
    </fieldset>
  )
}

function EditingSettings() {
  const editing = useSettingsStore((state) => state.settings.editing)
  const update = useSettingsStore((state) => state.update)
  const [command, setCommand] = useState(editing.externalCommand)
  const saveCommand = () => {
    if (command.trim() !== editing.externalCommand) void update({ editing: { externalCommand: command.trim() } })
  }
  return (
    <fieldset className="settings-group">
      <legend>Editing</legend>
      <label className="field">
        <span>External editor</span>
        <input
          className="wide"
          value={command}
          placeholder="The system's default application"
          spellCheck={false}
          title="A program and its arguments; %f is the file, e.g. code --wait %f"
          onChange={(event) => setCommand(event.target.value)}
          onBlur={saveCommand}
          onKeyDown={(event) => {
            if (event.key === 'Enter') saveCommand()
          }}
        />
      </label>
      <label className="toggle">
        <input type="checkbox" checked={editing.isExternalDefault} onChange={(event) => void update({ editing: { isExternalDefault: event.target.checked } })} />
        F4 opens the external editor
      </label>
    </fieldset>
  )
}

/** The top bar's Settings button and its dialog. */
export function SettingsButton() {
  const [isOpen, setIsOpen] = useState(false)
  // The dialog stays open while a field holds a value that was refused: nothing is dropped unsaid.
  // A ref, not state: the field's blur (which checks it) runs just before Done's click, in the same gesture.
  // One per field, so a field put right does not clear another's refusal.
  const problems = useRef(new Map<string, string>())
  const close = () => {
    if (problems.current.size > 0) document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
    else setIsOpen(false)
  }
  const setProblem = (field: string, refused: string | null) => {
    if (refused) problems.current.set(field, refused)
    else problems.current.delete(field)
  }
  return (
    <>
      <button type="button" className="settings-button" onClick={() => setIsOpen(true)}>
        Settings
      </button>
      {isOpen && (
        <Dialog
          title="Settings"
          onCancel={close}
          actions={
            <button type="button" className="primary" data-autofocus onClick={close}>
              Done
            </button>
          }
        >
          <TransferSettings />
          <TerminalSettings onProblem={(refused) => setProblem('scrollback', refused)} />
          <EditingSettings />
          <CompareSettings onProblem={(refused) => setProblem('tolerance', refused)} />
        </Dialog>
      )}
    </>
  )
}
