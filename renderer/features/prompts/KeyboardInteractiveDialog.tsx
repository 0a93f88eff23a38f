import { useState, type FormEvent } from 'react'
import type { Prompt } from '../../../shared/models/session'
import { Dialog } from '../../components/Dialog'

type KeyboardInteractivePrompt = Extract<Prompt, { kind: 'keyboard-interactive' }>

interface KeyboardInteractiveDialogProps {
  readonly prompt: KeyboardInteractivePrompt
  /** `null` cancels the round. */
  readonly onAnswer: (responses: readonly string[] | null) => void
}

/** The server's own questions (one-time codes, passwords), one input each; hidden unless the server allows echo. */
export function KeyboardInteractiveDialog({ prompt, onAnswer }: KeyboardInteractiveDialogProps) {
  const [responses, setResponses] = useState<readonly string[]>(() => prompt.questions.map(() => ''))
  const formId = `ki-${prompt.promptId}`

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    onAnswer(responses)
  }
  const setResponse = (index: number, value: string) => setResponses((current) => current.map((r, i) => (i === index ? value : r)))

  const actions = (
    <>
      <button type="submit" form={formId} className="primary">
        OK
      </button>
      <button type="button" onClick={() => onAnswer(null)}>
        Cancel
      </button>
    </>
  )
  return (
    <Dialog title={prompt.name.trim() || 'Authentication'} onCancel={() => onAnswer(null)} actions={actions}>
      <p className="muted">{`${prompt.host}:${prompt.port}`}</p>
      {prompt.instructions && <p className="instructions">{prompt.instructions}</p>}
      <form id={formId} className="ki-form" onSubmit={onSubmit}>
        {prompt.questions.map((question, index) => (
          <label key={index} className="field">
            <span>{question.text.trim() || 'Response'}</span>
            <input
              type={question.echo ? 'text' : 'password'}
              value={responses[index] ?? ''}
              data-autofocus={index === 0 ? true : undefined}
              autoComplete="off"
              onChange={(event) => setResponse(index, event.target.value)}
            />
          </label>
        ))}
      </form>
    </Dialog>
  )
}
