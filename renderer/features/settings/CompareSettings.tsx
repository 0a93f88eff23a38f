import { useState } from 'react'
import { useSettingsStore } from '../../stores/settings-store'
import { toleranceProblem } from './setting-values'

/** How Compare folders and Synchronize judge times: the tolerance, in seconds. */
export function CompareSettings({ onProblem }: { readonly onProblem: (problem: string | null) => void }) {
  const toleranceSeconds = useSettingsStore((state) => state.settings.sync.toleranceSeconds)
  const update = useSettingsStore((state) => state.update)
  const [text, setText] = useState(String(toleranceSeconds))
  const [problem, setProblem] = useState<string | null>(null)
  const edit = (typed: string) => {
    setText(typed)
    const refused = toleranceProblem(typed)
    setProblem(refused)
    onProblem(refused)
  }
  const save = () => {
    if (!toleranceProblem(text) && Number(text) !== toleranceSeconds) void update({ sync: { toleranceSeconds: Number(text) } })
  }
  return (
    <fieldset className="settings-group">
      <legend>Compare and synchronize</legend>
      <label className="field">
        <span>Time tolerance (seconds)</span>
        <input
          inputMode="decimal"
          value={text}
          title="Modification times closer than this are the same: SFTP carries whole seconds, FAT rounds to 2"
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'tolerance-problem' : undefined}
          onChange={(event) => edit(event.target.value)}
          onBlur={save}
          onKeyDown={(event) => {
            if (event.key === 'Enter') save()
          }}
        />
      </label>
      {problem && (
        <p id="tolerance-problem" role="alert" className="form-error">
          {problem}
        </p>
      )}
    </fieldset>
  )
}
