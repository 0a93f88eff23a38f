import { FitAddon } from '@xterm/addon-fit'
import { SearchAddon } from '@xterm/addon-search'
import { Unicode11Addon } from '@xterm/addon-unicode11'
import { WebLinksAddon } from '@xterm/addon-web-links'
import { WebglAddon } from '@xterm/addon-webgl'
import { Terminal, type ITheme } from '@xterm/xterm'
import '@xterm/xterm/css/xterm.css'
import type { TerminalId } from '../../../shared/models/ids'
import type { Settings } from '../../../shared/models/settings'
import { rpc } from '../../ipc/client'
import { terminalOutput } from './terminal-output'
import { clipboardWriteOf } from './terminal-safety'

/** What the screen asks of the window around it. */
export interface ScreenHooks {
  /** A link was activated (OSC 8 or detected): confirm, then open. */
  openLink(url: string): void
  /** The server set a title: shown as plain text. */
  onTitle(title: string): void
  /** Ctrl+Shift+F. */
  onSearchKey(): void
}

// Acknowledged in batches: one message per 64 KiB drawn, or per frame, not one per write.
const ackBatchChars = 64 * 1024

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback
}

/** The app's light or dark palette, for the terminal. */
export function themeFromPage(): ITheme {
  const background = cssVar('--surface', '#ffffff')
  const foreground = cssVar('--text', '#1d2330')
  return { background, foreground, cursor: foreground, cursorAccent: background, selectionBackground: cssVar('--selection', '#9cc3ff80') }
}

// Software WebGL (SwiftShader, llvmpipe: VMs, remote desktops, no GPU) draws a flood several
// times slower than xterm.js's DOM renderer, so only a real GPU gets the WebGL renderer.
const softwareRenderer = /swiftshader|llvmpipe|softpipe|software|basic render driver/i
let isHardwareWebgl: boolean | undefined

function hasHardwareWebgl(): boolean {
  if (isHardwareWebgl !== undefined) return isHardwareWebgl
  const gl = document.createElement('canvas').getContext('webgl2')
  const info = gl?.getExtension('WEBGL_debug_renderer_info')
  const renderer = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : ''
  gl?.getExtension('WEBGL_lose_context')?.loseContext()
  isHardwareWebgl = renderer !== '' && !softwareRenderer.test(renderer)
  return isHardwareWebgl
}

/**
 * One xterm.js screen bound to a terminal: output in (acknowledged once drawn, so the host can
 * hold the channel back), keystrokes and size out. Server output is untrusted: no window
 * reports, no clipboard reads, links only after a confirmation.
 */
export class TerminalScreen {
  readonly term: Terminal
  readonly search: SearchAddon
  private readonly fit: FitAddon
  private readonly disposers: (() => void)[] = []
  private unacked = 0
  private ackTimer: ReturnType<typeof setTimeout> | undefined
  private detachOutput: (() => void) | undefined
  // Replays being drawn: xterm.js's replies to queries inside them are dropped.
  private replaying = 0

  constructor(
    private terminalId: TerminalId,
    settings: Settings['terminal'],
    private readonly hooks: ScreenHooks,
    private readonly getSettings: () => Settings['terminal'],
  ) {
    this.term = new Terminal({
      allowProposedApi: true,
      scrollback: settings.scrollback,
      screenReaderMode: settings.screenReaderMode,
      fontFamily: '"DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
      fontSize: 13,
      cursorBlink: true,
      theme: themeFromPage(),
      // OSC 8 hyperlinks: the same confirmation as detected links; only http and https.
      linkHandler: { activate: (_event, url) => this.hooks.openLink(url), allowNonHttpProtocols: false },
    })
    this.fit = new FitAddon()
    this.search = new SearchAddon()
    const unicode = new Unicode11Addon()
    this.term.loadAddon(this.fit)
    this.term.loadAddon(this.search)
    this.term.loadAddon(unicode)
    this.term.unicode.activeVersion = '11'
    this.term.loadAddon(new WebLinksAddon((_event, url) => this.hooks.openLink(url)))
    this.wire()
  }

  /** Puts the screen into `host` and starts drawing output. */
  open(host: HTMLElement): void {
    this.term.open(host)
    if (!hasHardwareWebgl()) return this.attachOutput()
    try {
      const webgl = new WebglAddon()
      // A lost GPU context falls back to the DOM renderer instead of a black screen.
      webgl.onContextLoss(() => webgl.dispose())
      this.term.loadAddon(webgl)
    } catch {
      // No WebGL here: xterm.js keeps its DOM renderer.
    }
    this.attachOutput()
  }

  /** A new shell behind the same screen (Reconnect): the old text stays above. */
  rebind(terminalId: TerminalId): void {
    if (terminalId === this.terminalId) return
    this.sendAck()
    this.terminalId = terminalId
    this.attachOutput()
    const { cols, rows } = this.term
    void rpc.request('terminal.resize', { terminalId, cols, rows })
  }

  private attachOutput(): void {
    this.detachOutput?.()
    const terminalId = this.terminalId
    // A replay (the screen as it was before a reload) was acknowledged by the page that first drew it.
    this.detachOutput = terminalOutput.attach(terminalId, (data, isReplay) => {
      if (!isReplay) return this.term.write(data, () => this.drawn(terminalId, data.length))
      // Old output may hold a program's questions to the terminal (vim asks for the colours and
      // the cursor): answered once already, they must not be answered again into the live shell.
      this.replaying++
      this.term.write(data, () => this.replaying--)
    })
  }

  /** Fits the grid to the element; the PTY follows through onResize. */
  fitToHost(): void {
    if (this.term.element?.offsetParent) this.fit.fit()
  }

  /** Pastes the clipboard (Ctrl+Shift+V, right click), bracketed when the program asked for it. */
  async paste(): Promise<void> {
    const text = await navigator.clipboard.readText().catch(() => '')
    if (text) this.term.paste(text)
  }

  copySelection(): void {
    const text = this.term.getSelection()
    if (text) void navigator.clipboard.writeText(text).catch(() => undefined)
  }

  /** Writes a line of Skiff's own (an exit notice) in the terminal's dim colour. */
  note(text: string): void {
    this.term.write(`\r\n\x1b[2m${text}\x1b[0m\r\n`)
  }

  applySettings(settings: Settings['terminal']): void {
    this.term.options.scrollback = settings.scrollback
    this.term.options.screenReaderMode = settings.screenReaderMode
  }

  applyTheme(): void {
    this.term.options.theme = themeFromPage()
  }

  dispose(): void {
    if (this.ackTimer) clearTimeout(this.ackTimer)
    this.detachOutput?.()
    for (const dispose of this.disposers.splice(0)) dispose()
    this.term.dispose()
  }

  private wire(): void {
    const { term } = this
    const subscriptions = [
      term.onData((data) => {
        if (this.replaying === 0) void rpc.request('terminal.input', { terminalId: this.terminalId, data })
      }),
      term.onResize(({ cols, rows }) => void rpc.request('terminal.resize', { terminalId: this.terminalId, cols, rows })),
      term.onTitleChange((title) => this.hooks.onTitle(title)),
      term.onSelectionChange(() => {
        if (this.getSettings().copyOnSelect) this.copySelection()
      }),
      // OSC 52: writes only when allowed and small; reads are never answered.
      term.parser.registerOscHandler(52, (data) => {
        const text = this.getSettings().allowClipboardWrite ? clipboardWriteOf(data) : null
        if (text !== null) void navigator.clipboard.writeText(text).catch(() => undefined)
        return true
      }),
    ]
    this.disposers.push(() => subscriptions.forEach((subscription) => subscription.dispose()))
    term.attachCustomKeyEventHandler((event) => {
      if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true
      const key = event.key.toLowerCase()
      if (key === 'c') this.copySelection()
      else if (key === 'v') void this.paste()
      else if (key === 'f') this.hooks.onSearchKey()
      else return true
      event.preventDefault()
      return false
    })
  }

  private drawn(terminalId: TerminalId, chars: number): void {
    // Output of a shell this screen no longer shows needs no acknowledgement.
    if (terminalId !== this.terminalId) return
    this.unacked += chars
    if (this.unacked >= ackBatchChars) return this.sendAck()
    this.ackTimer ??= setTimeout(() => this.sendAck(), 16)
  }

  private sendAck(): void {
    if (this.ackTimer) clearTimeout(this.ackTimer)
    this.ackTimer = undefined
    if (this.unacked === 0) return
    void rpc.request('terminal.ack', { terminalId: this.terminalId, chars: this.unacked })
    this.unacked = 0
  }
}
