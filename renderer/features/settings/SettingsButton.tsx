import { useState } from 'react'
import { Dialog } from '../../components/Dialog'
import { useSettingsStore } from '../../stores/settings-store'

function TerminalSettings() {
  const terminal = useSettingsStore((state) => state.settings.terminal)
  const update = useSettingsStore((state) => state.update)
  const [scrollback, setScrollback] = useState(String(terminal.scrollback))
  const saveScrollback = () => {
    const lines = Number(scrollback)
    if (Number.isInteger(lines) && lines >= 0 && lines <= 1_000_000) void update({ terminal: { scrollback: lines } })
    else setScrollback(String(terminal.scrollback))
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
        <input inputMode="numeric" value={scrollback} onChange={(event) => setScrollback(event.target.value)} onBlur={saveScrollback} />
      </label>
      {toggle('copyOnSelect', 'Copy on select')}
      {toggle('allowClipboardWrite', 'Let programs on the server set the clipboard')}
      {toggle('screenReaderMode', 'Screen reader mode')}
    </fieldset>
  )
}

/** The top bar's Settings button and its dialog. */
export function SettingsButton() {
  const [isOpen, setIsOpen] = useState(false)
  return (
    <>
      <button type="button" className="settings-button" onClick={() => setIsOpen(true)}>
        Settings
      </button>
      {isOpen && (
        <Dialog
          title="Settings"
          onCancel={() => setIsOpen(false)}
          actions={
            <button type="button" className="primary" data-autofocus onClick={() => setIsOpen(false)}>
              Done
            </button>
          }
        >
          <TerminalSettings />
        </Dialog>
      )}
    </>
  )
}
