import type { TerminalId } from '../../../shared/models/ids'

/** Where a terminal's output is drawn: an xterm.js screen. `isReplay`: redrawn after a reload, not to be acknowledged. */
export type TerminalScreen = (data: string, isReplay: boolean) => void

interface Waiting {
  readonly data: string
  readonly isReplay: boolean
}

/**
 * Routes `terminal.data` straight to each terminal's screen, outside any store (output may
 * arrive at tens of MB/s). What arrives before a screen is attached waits, and is handed over
 * when it attaches.
 */
class TerminalOutputRouter {
  private readonly screens = new Map<TerminalId, TerminalScreen>()
  private readonly early = new Map<TerminalId, Waiting[]>()

  deliver(terminalId: TerminalId, data: string, isReplay = false): void {
    const screen = this.screens.get(terminalId)
    if (screen) return screen(data, isReplay)
    const waiting = this.early.get(terminalId) ?? []
    waiting.push({ data, isReplay })
    this.early.set(terminalId, waiting)
  }

  /** Attaches a screen; returns the detach. */
  attach(terminalId: TerminalId, screen: TerminalScreen): () => void {
    this.screens.set(terminalId, screen)
    for (const { data, isReplay } of this.early.get(terminalId) ?? []) screen(data, isReplay)
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
