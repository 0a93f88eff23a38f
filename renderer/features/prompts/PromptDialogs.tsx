import { useSessionsStore } from '../../stores/sessions-store'
import { HostKeyDialog } from './HostKeyDialog'
import { HostKeyProblemDialog } from './HostKeyProblemDialog'
import { KeyboardInteractiveDialog } from './KeyboardInteractiveDialog'

/** Shows the first waiting prompt (one at a time), and a refused host key. */
export function PromptDialogs() {
  const prompt = useSessionsStore((state) => state.prompts[0])
  const hostKeyProblem = useSessionsStore((state) => state.hostKeyProblem)
  const answer = useSessionsStore((state) => state.answer)
  const dismissHostKeyProblem = useSessionsStore((state) => state.dismissHostKeyProblem)
  const replaceHostKey = useSessionsStore((state) => state.replaceHostKey)

  if (hostKeyProblem) return <HostKeyProblemDialog problem={hostKeyProblem} onClose={dismissHostKeyProblem} onReplace={() => void replaceHostKey()} />
  if (!prompt) return null
  if (prompt.kind === 'host-key') {
    return (
      <HostKeyDialog key={prompt.promptId} prompt={prompt} onDecide={(decision) => void answer(prompt.promptId, { kind: 'host-key', decision })} />
    )
  }
  return (
    <KeyboardInteractiveDialog
      key={prompt.promptId}
      prompt={prompt}
      onAnswer={(responses) => void answer(prompt.promptId, { kind: 'keyboard-interactive', responses })}
    />
  )
}
