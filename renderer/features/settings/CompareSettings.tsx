import { useState } from 'react'
import type { Settings } from '../../../shared/models/settings'
import { useSettingsStore } from '../../stores/settings-store'
import { parallelServersProblem, toleranceProblem } from './setting-values'

type SyncKey = keyof Settings['sync']

interface NumberSettingProps {
  readonly setting: SyncKey
  readonly label: string
  readonly title: string
  readonly problemOf: (text: string) => string | null
  readonly onProblem: (setting: SyncKey, problem: string | null) => void
}

/** One number of the sync settings: saved on Enter or leaving the box, refused with the reason. */
function NumberSetting({ setting, label, title, problemOf, onProblem }: NumberSettingProps) {
  const value = useSettingsStore((state) => state.settings.sync[setting])
  const update = useSettingsStore((state) => state.update)
  const [text, setText] = useState(String(value))
  const [problem, setProblem] = useState<string | null>(null)
  const problemId = `${setting}-problem`
  const edit = (typed: string) => {
    setText(typed)
    const refused = problemOf(typed)
    setProblem(refused)
    onProblem(setting, refused)
  }
  const save = () => {
    if (!problemOf(text) && Number(text) !== value) void update({ sync: { [setting]: Number(text) } })
  }
  return (
    <>
      <label className="field">
        <span>{label}</span>
        <input
          inputMode="decimal"
          value={text}
          title={title}
          aria-invalid={problem !== null}
          aria-describedby={problem ? problemId : undefined}
          onChange={(event) => edit(event.target.value)}
          onBlur={save}
          onKeyDown={(event) => {
            if (event.key === 'Enter') save()
          }}
        />
      </label>
      {problem && (
        <p id={problemId} role="alert" className="form-error">
          {problem}
        </p>
      )}
    </>
  )
}

/** How Compare folders and Synchronize judge times (the tolerance, in seconds), and how many servers a deploy runs on at once. */
export function CompareSettings({ onProblem }: { readonly onProblem: (problem: string | null) => void }) {
  const [problems] = useState(() => new Map<SyncKey, string>())
  const report = (setting: SyncKey, problem: string | null) => {
    if (problem) problems.set(setting, problem)
    else problems.delete(setting)
    onProblem(problems.values().next().value ?? null)
  }
  return (
    <fieldset className="settings-group">
      <legend>Compare and synchronize</legend>
      <NumberSetting
        setting="toleranceSeconds"
        label="Time tolerance (seconds)"
        title="Modification times closer than this are the same: SFTP carries whole seconds, FAT rounds to 2"
        problemOf={toleranceProblem}
        onProblem={report}
      />
      <NumberSetting
        setting="parallelServers"
        label="Servers at once when deploying"
        title="A synchronization sent Also to other servers runs on this many at the same time"
        problemOf={parallelServersProblem}
        onProblem={report}
      />
    </fieldset>
  )
}
