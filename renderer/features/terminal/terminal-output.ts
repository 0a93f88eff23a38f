import type { TerminalId } from '../../../shared/models/ids'

/** Where a terminal's output is drawn: an xterm.js screen. */
export type TerminalScreen = (data: string) => void

/**
 * Routes `terminal.data` straight to each terminal's screen, outside any store (output may
 * arrive at tens of MB/s). What arrives before a screen is attached waits, and is handed over
 * when it attaches.
 */
class TerminalOutputRouter {
  private readonly screens = new Map<TerminalId, TerminalScreen>()
  private readonly early = new Map<TerminalId, string[]>()

  deliver(terminalId: TerminalId, data: string): void {
    const screen = this.screens.get(terminalId)
    if (screen) return screen(data)
    const waiting = this.early.get(terminalId) ?? []
    waiting.push(data)
    this.early.set(terminalId, waiting)
  }

  /** Attaches a screen; returns the detach. */
  attach(terminalId: TerminalId, screen: TerminalScreen): () => void {
    this.screens.set(terminalId, screen)
    for (const data of this.early.get(terminalId) ?? []) screen(data)
    this.early.delete(terminalId)
    return () => {
      if (this.screens.get(terminalId) === screen) this.screens.delete(terminalId)
    }
  }

  forget(terminalId: TerminalId): void {
    this.screens.delete(terminalId)
    this.early.delete(terminalId)
  }
}

export const terminalOutput = new TerminalOutputRouter()
