// The Electron shell: one hardened window over the same services browser mode runs.
import { app, BrowserWindow, dialog, protocol, session, shell } from 'electron'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { attachElectronIpc } from './ipc/electron-adapter'
import { loadWindowState, saveWindowState } from './host/window-state'
import { osSealer } from './host/safe-storage'
import { chooseFile } from './host/file-chooser'
import { trashItem } from './host/trash'
import { openPath } from './host/open-path'
import { createServices, type Services } from './services'
import { contentSecurityPolicy, newNonce, withPolicy } from './web/page-policy'
import { readStaticFile } from './web/static-files'

// Tests (and people who want a second profile) point Skiff at another data directory.
if (process.env.SKIFF_DATA_DIR) app.setPath('userData', process.env.SKIFF_DATA_DIR)

// The renderer is served from app://skiff/ rather than file://, so that each load of the page
// gets a response of its own: the policy with a fresh style nonce, and the page carrying it.
const appScheme = 'app'
const appHost = 'skiff'
const rendererRoot = join(__dirname, '..', 'renderer')
// A Vite dev server, when one is run by hand, serves the page instead.
const devServerUrl = process.env.ELECTRON_RENDERER_URL
const rendererUrl = devServerUrl ?? `${appScheme}://${appHost}/index.html`

protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }])

function isOwnUrl(url: string): boolean {
  return url.split(/[?#]/)[0] === rendererUrl.split(/[?#]/)[0]
}

async function createWindow(dataDir: string): Promise<BrowserWindow> {
  const state = await loadWindowState(dataDir)
  const window = new BrowserWindow({
    ...state.size,
    ...(state.bounds ? { x: state.bounds.x, y: state.bounds.y } : {}),
    minWidth: 720,
    minHeight: 420,
    title: 'Skiff',
    show: false,
    webPreferences: {
      preload: join(__dirname, '..', 'preload', 'index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  if (state.isMaximized) window.maximize()
  window.once('ready-to-show', () => window.show())
  window.on('close', () => saveWindowState(dataDir, window))
  // The window shows Skiff and nothing else: no navigation, no pop-ups. A link a terminal
  // showed (and the person confirmed) opens in the OS browser, http and https only.
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  // The page holds back a close or reload while editors hold unsaved text: Electron shows no
  // question of its own, so the person is asked here, and Leave lets it go.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning',
      title: 'Unsaved changes',
      message: 'Some files have changes that are not saved or not uploaded yet.',
      detail: 'Leaving loses them.',
      buttons: ['Stay', 'Leave'],
      defaultId: 0,
      cancelId: 0,
    })
    if (choice === 1) event.preventDefault()
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isWebLink(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  await window.loadURL(rendererUrl)
  return window
}

function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

// Copy and paste in terminals use the clipboard; nothing else is granted.
const grantedPermissions = new Set(['clipboard-read', 'clipboard-sanitized-write'])

/** Serves the built renderer on app://skiff/, with the page policy of browser mode (page-policy.ts). */
function serveRenderer(): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url)
    const file = url.host === appHost ? await readStaticFile(rendererRoot, url.pathname) : null
    if (!file) return new Response('Not found', { status: 404 })
    const { body, policy } = withPolicy(file)
    const headers = { 'Content-Type': file.contentType, 'Content-Security-Policy': policy, 'X-Content-Type-Options': 'nosniff' }
    return new Response(new Uint8Array(body), { headers })
  })
}

function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) =>
    callback(grantedPermissions.has(permission) && isOwnUrl(contents.getURL())),
  )
  session.defaultSession.setPermissionCheckHandler((contents, permission) => grantedPermissions.has(permission) && contents !== null && isOwnUrl(contents.getURL()))
  if (!devServerUrl) return
  // Vite's dev server puts its CSS in <style> elements it writes itself: only there, inline styles are let in.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    const policy = contentSecurityPolicy(newNonce(), { connectSrc: ['ws:'] }).replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'")
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } })
  })
}

function start(): void {
  let services: Services | undefined
  let mainWindow: BrowserWindow | undefined
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
  app.on('window-all-closed', () => app.quit())
  app.on('before-quit', () => services?.dispose())
  void app.whenReady().then(async () => {
    const dataDir = app.getPath('userData')
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    hardenSession()
    serveRenderer()
    services = await createServices({ mode: 'electron', version: app.getVersion(), dataDir, osSealer: osSealer(), chooseFile, trash: trashItem, openPath })
    attachElectronIpc(services, isOwnUrl)
    mainWindow = await createWindow(dataDir)
  })
}

// One Skiff per user: a second launch focuses the first window.
if (app.requestSingleInstanceLock()) start()
else app.quit()
