import { realpath, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSshd, type SshdHandle } from '../../e2e/fixtures/sshd'
import { startTcpProxy } from '../../e2e/fixtures/tcp-proxy'
import type { EventChannel, Events } from '../../shared/ipc/contract'
import type { Emit } from '../../shared/ipc/messages'
import type { SessionId, TerminalId } from '../../shared/models/ids'
import type { TerminalEnded } from '../../shared/models/terminal'
import { fastTuning, OpenConnections, recordingAsk, trustingBook, within } from '../ssh/connect-test-kit'
import type { SshConnection } from '../ssh/ssh-connection'
import { TerminalManager } from './terminal-manager'

const sessionId = 'session-1' as SessionId

/** What one client received: each terminal's output, and how each ended. */
class Screen {
  readonly text = new Map<TerminalId, string>()
  readonly ended = new Map<TerminalId, TerminalEnded>()
  private readonly waiters: (() => void)[] = []

  readonly emit: Emit = <K extends EventChannel>(channel: K, payload: Events[K]) => {
    if (channel === 'terminal.data') {
      const { terminalId, data } = payload as Events['terminal.data']
      this.text.set(terminalId, (this.text.get(terminalId) ?? '') + data)
    }
    if (channel === 'terminal.ended') {
      const ended = payload as TerminalEnded
      this.ended.set(ended.terminalId, ended)
    }
    for (const wake of this.waiters.splice(0)) wake()
  }

  /** Resolves once `check` holds (re-checked on every event), or fails after 10 s. */
  async until(check: () => boolean): Promise<void> {
    await within(
      10_000,
      (async () => {
        while (!check()) await new Promise<void>((resolve) => this.waiters.push(resolve))
      })(),
    )
  }
}

describe('TerminalManager against a real sshd', () => {
  let sshd: SshdHandle
  let home: string
  let connection: SshConnection
  const connections = new OpenConnections()
  let manager: TerminalManager

  const connect = (port: number) =>
    connections.connect({
      ...fastTuning,
      host: sshd.host,
      port,
      username: sshd.username,
      privateKeyPath: sshd.clientKeyPath,
      isKeyboardInteractiveAllowed: false,
      book: trustingBook,
      ask: recordingAsk().ask,
      signal: new AbortController().signal,
    })

  beforeAll(async () => {
    sshd = await startSshd()
    home = await realpath(sshd.homeDir)
    connection = await connect(sshd.port)
    manager = new TerminalManager({ connectionOf: () => connection, labelOf: () => `${sshd.username}@${sshd.host}` })
  })
  afterEach(() => manager.closeAll())
  afterAll(async () => {
    connections.endAll()
    await sshd?.stop()
  })

  const open = async (screen: Screen, folder = home) => {
    const info = await manager.open({ sessionId, cols: 80, rows: 24, folder }, screen.emit)
    // Acknowledge everything at once, as a screen that keeps up would.
    return info
  }
  const output = (screen: Screen, id: TerminalId) => screen.text.get(id) ?? ''

  it('runs commands in a shell started in the asked folder, named after its host', async () => {
    const screen = new Screen()
    const info = await open(screen)
    expect(info.host).toBe(`${sshd.username}@${sshd.host}`)
    manager.input(info.terminalId, 'echo $((6*7)); pwd; echo "$TERM"; printf x > made-here.txt\n')
    await screen.until(() => /42\r\n/.test(output(screen, info.terminalId)) && output(screen, info.terminalId).includes('xterm-256color\r\n'))
    expect(output(screen, info.terminalId)).toContain(`${home}\r\n`)
    await screen.until(() => output(screen, info.terminalId).includes('xterm-256color'))
    await expect(readFile(join(home, 'made-here.txt'), 'utf8')).resolves.toBe('x')
  })

  it('resizing changes what stty size says on the server', async () => {
    const screen = new Screen()
    const { terminalId } = await open(screen)
    manager.resize(terminalId, 132, 41)
    manager.input(terminalId, 'stty size\n')
    await screen.until(() => output(screen, terminalId).includes('41 132'))
  })

  it('reports the exit code when the shell ends', async () => {
    const screen = new Screen()
    const { terminalId } = await open(screen)
    manager.input(terminalId, 'exit 3\n')
    await screen.until(() => screen.ended.has(terminalId))
    expect(screen.ended.get(terminalId)).toMatchObject({ reason: 'exited', exitCode: 3 })
  })

  it('keeps characters whole when a packet splits them', async () => {
    const screen = new Screen()
    const { terminalId } = await open(screen)
    // 3,000 four-byte characters: packet boundaries are bound to fall inside some of them.
    manager.input(terminalId, "printf '%.0s\\360\\237\\232\\242' $(seq 3000); echo\n")
    await screen.until(() => (output(screen, terminalId).match(/🚢/gu)?.length ?? 0) >= 3000)
    expect(output(screen, terminalId)).not.toContain('\uFFFD')
  })

  it('stops the channel while output is not drawn, and resumes as it is acknowledged', async () => {
    const screen = new Screen()
    const { terminalId } = await open(screen)
    manager.input(terminalId, 'yes | head -c 20000000; echo FLOOD-$((1+1))-END\n')
    // Nothing acknowledged: the channel is paused at the mark, and a paused channel emits nothing more.
    await expect.poll(() => manager.isHeld(terminalId), { timeout: 10_000 }).toBe(true)
    const held = output(screen, terminalId).length
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve))
    expect(output(screen, terminalId).length).toBe(held)
    expect(held).toBeLessThan(4 * 1024 * 1024)
    // A screen that keeps up: everything arrives.
    const acker = setInterval(() => manager.ack(terminalId, Number.MAX_SAFE_INTEGER), 5)
    try {
      await screen.until(() => output(screen, terminalId).includes('FLOOD-2-END\r\n'))
    } finally {
      clearInterval(acker)
    }
    expect(output(screen, terminalId).length).toBeGreaterThan(20_000_000)
  })

  it('Ctrl+C stops a flood', async () => {
    const screen = new Screen()
    const { terminalId } = await open(screen)
    const acker = setInterval(() => manager.ack(terminalId, Number.MAX_SAFE_INTEGER), 5)
    try {
      manager.input(terminalId, 'yes\n')
      await screen.until(() => output(screen, terminalId).length > 2 * 1024 * 1024)
      manager.input(terminalId, '\x03')
      manager.input(terminalId, 'echo AFTER-$((40+2))\n')
      await screen.until(() => output(screen, terminalId).includes('AFTER-42'))
    } finally {
      clearInterval(acker)
    }
  })

  it('closing hangs the shell up and still reports the end', async () => {
    const screen = new Screen()
    const { terminalId } = await open(screen)
    manager.close(terminalId)
    await screen.until(() => screen.ended.has(terminalId))
    expect(screen.ended.get(terminalId)?.reason).toBe('exited')
  })

  it('a client that goes away leaves its terminals for the next page to attach to, with their recent output', async () => {
    const before = new Screen()
    const other = new Screen()
    const a = await open(before)
    const b = await open(other)
    manager.input(a.terminalId, 'echo BEFORE-$((1+1))\n')
    await before.until(() => output(before, a.terminalId).includes('BEFORE-2'))
    manager.detachOwnedBy(before.emit)
    // The page reloads: a new client sees the terminal it left, not another client's.
    const after = new Screen()
    expect(manager.attachable(after.emit).map((info) => info.terminalId)).toEqual([a.terminalId])
    expect(() => manager.attach(b.terminalId, after.emit)).toThrow(/another window/)
    const attached = manager.attach(a.terminalId, after.emit)
    expect(attached.replay).toContain('BEFORE-2')
    manager.input(a.terminalId, 'echo AFTER-$((2+2))\n')
    await after.until(() => output(after, a.terminalId).includes('AFTER-4'))
    expect(output(before, a.terminalId)).not.toContain('AFTER-4')
    expect(after.ended.size + other.ended.size).toBe(0)
  })

  it('a terminal nobody comes back for hangs up after a while; the others go on', async () => {
    const patient = new TerminalManager({ connectionOf: () => connection, labelOf: () => 'x' }, undefined, 200)
    const gone = new Screen()
    const staying = new Screen()
    const a = await patient.open({ sessionId, cols: 80, rows: 24 }, gone.emit)
    const b = await patient.open({ sessionId, cols: 80, rows: 24 }, staying.emit)
    patient.detachOwnedBy(gone.emit)
    await expect.poll(() => patient.attachable(new Screen().emit).length, { timeout: 5_000 }).toBe(0)
    expect(() => patient.attach(a.terminalId, gone.emit)).toThrow(/ended/)
    patient.input(b.terminalId, 'echo STILL-$((1+1))\n')
    await staying.until(() => output(staying, b.terminalId).includes('STILL-2'))
    patient.closeAll()
  })

  it('without a folder, opens the login shell in the home folder', async () => {
    const screen = new Screen()
    const info = await manager.open({ sessionId, cols: 80, rows: 24 }, screen.emit)
    manager.input(info.terminalId, 'echo HOME-IS-"$PWD"-$((2+3))\n')
    await screen.until(() => /HOME-IS-\/.*-5/.test(output(screen, info.terminalId)))
  })

  it('a dropped connection ends its terminals as disconnected, with the reason', async () => {
    const proxy = await startTcpProxy(sshd.port)
    try {
      const dropping = await connect(proxy.port)
      const dropManager = new TerminalManager({ connectionOf: () => dropping, labelOf: () => 'x' })
      const screen = new Screen()
      const { terminalId } = await dropManager.open({ sessionId, cols: 80, rows: 24 }, screen.emit)
      proxy.cutAll()
      await screen.until(() => screen.ended.has(terminalId))
      expect(screen.ended.get(terminalId)).toMatchObject({ reason: 'disconnected', exitCode: null })
      expect(screen.ended.get(terminalId)?.message).toBeTruthy()
    } finally {
      await proxy.close()
    }
  })

  it('knows the folder its shell is in, and whether a program runs in it', async () => {
    const screen = new Screen()
    const { terminalId } = await open(screen)
    await screen.until(() => output(screen, terminalId).includes('#') || output(screen, terminalId).includes('$'))
    expect(output(screen, terminalId)).not.toContain('7771')
    expect(await manager.folderOf(terminalId)).toBe(home)
    expect(await manager.isBusy(terminalId)).toBe(false)
    manager.input(terminalId, 'cd /tmp && sleep 30\n')
    await expect.poll(() => manager.isBusy(terminalId), { timeout: 5_000 }).toBe(true)
    expect(await manager.folderOf(terminalId)).toBe('/tmp')
    manager.input(terminalId, '\x03')
    await expect.poll(() => manager.isBusy(terminalId), { timeout: 5_000 }).toBe(false)
  })
})
