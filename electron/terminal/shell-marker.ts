// The shell announces its own process id first thing, in a private OSC sequence that Skiff
// takes out of the stream: with it, the terminal's folder can be read (/proc/<pid>/cwd) and
// a close can tell an idle prompt from a running program.
const markerStart = '\x1b]7771;'
const markerEnd = '\x07'
// Longer than any marker: an opening that has not closed by then was not one.
const markerWindow = 64
// Keystrokes typed before the shell started are echoed ahead of the marker: look this far.
const scanWindow = 8 * 1024

/** The shell command that prints the marker and then becomes the user's login shell (same pid). */
export function shellCommand(folderCd?: string): string {
  const announce = `printf '\\033]7771;%s\\007' "$$"`
  const login = 'exec "${SHELL:-/bin/sh}" -l'
  return folderCd ? `${folderCd} && ${announce} && ${login}` : `${announce}; ${login}`
}

/**
 * Takes the marker out of the first output of a terminal and keeps the pid it carries.
 * Output passes through at once; only a piece that may be the start of the marker waits for
 * the next chunk. After the first 8 KiB nothing more is looked at.
 */
export class MarkerFilter {
  private held = ''
  private seen = 0
  private isDone = false
  pid: number | undefined

  /** The output to show, from `text` and whatever was held back before. */
  feed(text: string): string {
    if (this.isDone) return text
    const buffer = this.held + text
    this.held = ''
    const start = buffer.indexOf(markerStart)
    if (start >= 0) {
      const end = buffer.indexOf(markerEnd, start)
      if (end >= 0) {
        const id = buffer.slice(start + markerStart.length, end)
        if (/^\d{1,10}$/.test(id)) this.pid = Number(id)
        this.isDone = true
        return buffer.slice(0, start) + buffer.slice(end + 1)
      }
      if (buffer.length - start < markerWindow) return this.pass(buffer, start)
      this.isDone = true
      return buffer
    }
    // The end may be the marker's first bytes, cut by a packet boundary.
    let keep = Math.min(markerStart.length - 1, buffer.length)
    while (keep > 0 && !markerStart.startsWith(buffer.slice(buffer.length - keep))) keep--
    return this.pass(buffer, buffer.length - keep)
  }

  /** What is held back, when no more output will come. */
  flush(): string {
    this.isDone = true
    const rest = this.held
    this.held = ''
    return rest
  }

  private pass(buffer: string, holdFrom: number): string {
    this.seen += holdFrom
    if (this.seen > scanWindow) {
      this.isDone = true
      return buffer
    }
    this.held = buffer.slice(holdFrom)
    return buffer.slice(0, holdFrom)
  }
}
