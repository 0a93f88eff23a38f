import { screen, type BrowserWindow, type Rectangle } from 'electron'
import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Where and how big the window was when it last closed. */
export interface WindowState {
  readonly bounds?: Rectangle
  readonly isMaximized: boolean
}

const fileName = 'window-state.json'
const defaultSize = { width: 1280, height: 800 }

function isRectangle(value: unknown): value is Rectangle {
  const r = value as Record<string, unknown> | null
  return !!r && ['x', 'y', 'width', 'height'].every((k) => Number.isFinite(r[k]))
}

// A window remembered on a monitor that is gone would open off screen: keep it only if it is visible.
function isOnSomeDisplay(bounds: Rectangle): boolean {
  const area = screen.getDisplayMatching(bounds).workArea
  const overlapX = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x)
  const overlapY = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y)
  return overlapX >= 100 && overlapY >= 50
}

/** The remembered state, or a default size when there is none (or it no longer fits a screen). */
export async function loadWindowState(dataDir: string): Promise<WindowState & { readonly size: { width: number; height: number } }> {
  try {
    const saved = JSON.parse(await readFile(join(dataDir, fileName), 'utf8')) as Record<string, unknown>
    const bounds = isRectangle(saved.bounds) && isOnSomeDisplay(saved.bounds) ? saved.bounds : undefined
    return { bounds, isMaximized: saved.isMaximized === true, size: bounds ?? defaultSize }
  } catch {
    return { isMaximized: false, size: defaultSize }
  }
}

/**
 * Writes the window's normal bounds atomically (temp file, fsync, rename). Synchronous on
 * purpose: it runs as the window closes, and the app may quit right after. Failure is
 * logged, never fatal.
 */
export function saveWindowState(dataDir: string, window: BrowserWindow): void {
  const state: WindowState = { bounds: window.getNormalBounds(), isMaximized: window.isMaximized() }
  const path = join(dataDir, fileName)
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`
  try {
    const handle = openSync(temp, 'w', 0o600)
    try {
      writeFileSync(handle, JSON.stringify(state))
      fsyncSync(handle)
    } finally {
      closeSync(handle)
    }
    renameSync(temp, path)
  } catch (error) {
    console.error('Could not remember the window position:', error)
  }
}
