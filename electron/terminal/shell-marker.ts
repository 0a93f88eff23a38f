// The shell announces its own process id first thing, in a private OSC sequence that Skiff
// takes out of the stream: with it, the terminal's folder can be read (/proc/<pid>/cwd) and
// a close can tell an idle prompt from a running program.
const markerStart = '\x1b]7771;'
const markerEnd = '\x07'
// Longer than any marker: output that has not shown one by then never will.
const markerWindow = 64

/** The shell command that prints the marker and then becomes the user's login shell (same pid). */
export function shellCommand(folderCd?: string): string {
  const announce = `printf '\\033]7771;%s\\007' "$$"`
  const login = 'exec "${SHELL:-/bin/sh}" -l'
  return folderCd ? `${folderCd} && ${announce} && ${login}` : `${announce}; ${login}`
}

/** What the start of a terminal's output held. */
export interface MarkerScan {
  /** Still looking: keep this text and scan it again with the next output. */
  readonly isPending: boolean
  readonly pid?: number
  /** The output with the marker taken out. */
  readonly text: string
}

/** Looks for the marker at the start of `text` (all output so far, while pending). */
export function scanForMarker(text: string): MarkerScan {
  if (!text.startsWith(markerStart)) {
    // Output that could still grow into the marker waits; anything else is plain output.
    return { isPending: markerStart.startsWith(text), text }
  }
  const end = text.indexOf(markerEnd)
  if (end < 0) return text.length < markerWindow ? { isPending: true, text } : { isPending: false, text }
  const id = text.slice(markerStart.length, end)
  const pid = /^\d{1,10}$/.test(id) ? Number(id) : undefined
  return { isPending: false, ...(pid ? { pid } : {}), text: text.slice(end + 1) }
}
