import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { Services } from '../services'
import { AccessToken } from './access-token'
import { serveSockets } from './socket-adapter'
import { readStaticFile } from './static-files'
import { contentSecurityPolicy, newNonce, withPolicy } from './page-policy'

/** A running browser-mode host. */
export interface BrowserHost {
  /** The address to open, token included. */
  readonly url: string
  close(): Promise<void>
}

// The same policy the Electron window enforces (see page-policy.ts); `ws:` only to this very host.
function securityHeaders(policy = contentSecurityPolicy(newNonce())): Record<string, string> {
  return {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  }
}

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text)
}

async function onRequest(request: IncomingMessage, response: ServerResponse, token: AccessToken, root: string, origin: string) {
  const url = new URL(request.url ?? '/', origin)
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed')
  if (token.isInUrl(url)) {
    // Trade the URL token for a cookie and drop it from the address bar (and from history).
    // Absolute, on this very origin: a path like `//elsewhere/` must not become a link off this host.
    response.writeHead(303, { ...securityHeaders(), 'Set-Cookie': token.cookie(), Location: `${origin}${url.pathname}` }).end()
    return
  }
  if (!token.isInCookie(request)) return refuse(response, 403, 'Forbidden: open the URL Skiff printed, with its token.')
  const file = await readStaticFile(root, url.pathname)
  if (!file) return refuse(response, 404, 'Not found')
  const { body, policy } = withPolicy(file, { connectSrc: [origin.replace(/^http/, 'ws')] })
  response.writeHead(200, { ...securityHeaders(policy), 'Content-Type': file.contentType }).end(request.method === 'HEAD' ? undefined : body)
}

function rejectUpgrade(socket: Duplex): void {
  socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    // Loopback only: browser mode is a door into this user's SSH sessions.
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}

/**
 * Serves the built renderer and the RPC WebSocket on 127.0.0.1. Every request needs the
 * run's token (URL once, then cookie); the WebSocket also needs this host's own Origin.
 */
export async function startBrowserHost(services: Services, rendererRoot: string, port: number): Promise<BrowserHost> {
  const token = new AccessToken()
  let origin = ''
  const server = createServer((request, response) => {
    onRequest(request, response, token, rendererRoot, origin).catch(() => refuse(response, 500, 'Internal error'))
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 })
  serveSockets(wss, services)
  server.on('upgrade', (request, socket, head) => {
    if (request.url !== '/rpc' || request.headers.origin !== origin || !token.isInCookie(request)) return rejectUpgrade(socket)
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
  })
  const boundPort = await listen(server, port)
  origin = `http://127.0.0.1:${boundPort}`
  return {
    url: `${origin}/?token=${token.value}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
