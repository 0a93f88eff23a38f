import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { connect as tcpConnect } from 'node:net'
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { SocketFrame } from '../../shared/ipc/messages'
import { createServices, type Services } from '../services'
import { startBrowserHost, type BrowserHost } from './browser-host'

const indexHtml = '<!doctype html><meta name="style-nonce" content="skiff-style-nonce-placeholder"><title>Skiff</title><script type="module" src="/assets/app.js"></script>'
const appJs = 'console.log("skiff")'
const secretText = 'TOP-SECRET-NEXT-TO-THE-ROOT'

interface RawReply {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

/** Sends the path byte for byte: fetch would normalise `..` and `%2e%2e` away before sending. */
function rawRequest(origin: string, path: string, options: { method?: string; cookie?: string } = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const headers = options.cookie ? { cookie: options.cookie } : {}
    const req = httpRequest(`${origin}/`, { method: options.method ?? 'GET', path, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** Resolves with the error a TCP connect to `host`:`port` fails with; rejects when it connects. */
function refusedAt(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host, port })
    socket.once('connect', () => {
      socket.destroy()
      reject(new Error(`Something answered on ${host}:${port}`))
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
  })
}

/** Collects every frame the socket receives, parsed. */
function framesOf(socket: WebSocket): SocketFrame[] {
  const frames: SocketFrame[] = []
  socket.on('message', (raw) => frames.push(JSON.parse(raw.toString()) as SocketFrame))
  return frames
}

async function replyTo(frames: SocketFrame[], id: number) {
  await expect.poll(() => frames.find((frame) => frame.type === 'reply' && frame.id === id), { timeout: 5000 }).toBeDefined()
  return frames.find((frame) => frame.type === 'reply' && frame.id === id)
}

describe('browser-mode host', () => {
  let base = ''
  let dataDir = ''
  let services: Services
  let host: BrowserHost
  let origin = ''
  let token = ''
  let cookie = ''
  const sockets: WebSocket[] = []

  beforeAll(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'skiff-host-')))
    const root = join(base, 'renderer')
    dataDir = join(base, 'data')
    await mkdir(join(root, 'assets'), { recursive: true })
    await mkdir(dataDir)
    await writeFile(join(root, 'index.html'), indexHtml)
    await writeFile(join(root, 'assets', 'app.js'), appJs)
    await writeFile(join(base, 'secret'), secretText)
    services = await createServices({ mode: 'browser', version: 't', dataDir })
    host = await startBrowserHost(services, root, 0)
    const url = new URL(host.url)
    origin = url.origin
    token = url.searchParams.get('token') ?? ''
    const handover = await fetch(host.url, { redirect: 'manual' })
    cookie = (handover.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  })

  afterAll(async () => {
    for (const socket of sockets) socket.terminate()
    await host?.close()
    services?.dispose()
    await rm(base, { recursive: true, force: true })
  })

  /** Opens `/rpc` with the given headers; resolves once open, rejects with the handshake error. */
  function openSocket(headers: { cookie?: string; origin?: string }): Promise<WebSocket> {
    const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/rpc`, {
      headers: headers.cookie ? { cookie: headers.cookie } : {},
      ...(headers.origin ? { origin: headers.origin } : {}),
    })
    sockets.push(socket)
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(socket))
      socket.once('error', reject)
    })
  }

  describe('over HTTP', () => {
    it('listens on 127.0.0.1 and nowhere else', async () => {
      expect(new URL(host.url).hostname).toBe('127.0.0.1')
      const port = Number(new URL(host.url).port)
      const elsewhere = Object.values(networkInterfaces())
        .flat()
        .filter((address) => address && address.family === 'IPv4' && !address.internal)
        .map((address) => address!.address)
      for (const other of ['127.0.0.2', '::1', ...elsewhere]) {
        await expect(refusedAt(other, port), other).resolves.toMatch(/^E/)
      }
    })

    it('refuses a request without the token, or with a wrong one', async () => {
      expect((await fetch(`${origin}/`)).status).toBe(403)
      expect((await fetch(`${origin}/assets/app.js`)).status).toBe(403)
      expect((await fetch(`${origin}/?token=wrong`, { redirect: 'manual' })).status).toBe(403)
      expect((await fetch(`${origin}/`, { headers: { cookie: `${cookie.split('=')[0]}=wrong` } })).status).toBe(403)
    })

    it('trades the URL token for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
      const response = await fetch(host.url, { redirect: 'manual' })
      expect(response.status).toBe(303)
      const setCookie = response.headers.get('set-cookie') ?? ''
      expect(setCookie).toContain(`=${token}`)
      expect(setCookie).toMatch(/;\s*HttpOnly/i)
      expect(setCookie).toMatch(/;\s*SameSite=Strict/i)
      expect(response.headers.get('location')).toBe(`${origin}/`)
      expect(response.headers.get('location')).not.toContain(token)
    })

    it('serves index.html with a strict CSP and nosniff once the cookie is set', async () => {
      const response = await fetch(`${origin}/`, { headers: { cookie } })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^text\/html/)
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self'/)
      expect(response.headers.get('content-security-policy')).not.toMatch(/style-src [^;]*unsafe-inline/)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(await response.text()).toMatch(/^<!doctype html><meta name="style-nonce" content="[A-Za-z0-9+/=]{24}"><title>Skiff<\/title>/)
    })

    it('gives each page its own style nonce, in its body and in its policy alike', async () => {
      const nonces = await Promise.all(
        [1, 2].map(async () => {
          const response = await fetch(`${origin}/`, { headers: { cookie } })
          const policyNonce = /style-src 'self' 'nonce-([A-Za-z0-9+/=]{24})'/.exec(response.headers.get('content-security-policy') ?? '')?.[1]
          const bodyNonce = /name="style-nonce" content="([^"]+)"/.exec(await response.text())?.[1]
          expect(bodyNonce).toBe(policyNonce)
          return policyNonce
        }),
      )
      expect(nonces[0]).toBeTruthy()
      expect(nonces[0]).not.toBe(nonces[1])
    })

    it('serves the renderer assets with their content type', async () => {
      const response = await fetch(`${origin}/assets/app.js`, { headers: { cookie } })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^(text|application)\/javascript/)
      expect(await response.text()).toBe(appJs)
    })

    it.each([
      '/../secret',
      '/../package.json',
      '/%2e%2e/secret',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2fsecret',
      '/..%2fsecret',
      '/assets/%2e%2e%2f%2e%2e%2fsecret',
      '/..%5csecret',
      '/assets/app.js%00.html',
      '/%00',
      '/%E0%A4%A',
      '/assets',
    ])('serves nothing outside the root for %s', async (path) => {
      const reply = await rawRequest(origin, path, { cookie })
      expect(reply.status).toBe(404)
      expect(reply.body).not.toContain(secretText)
      expect(reply.body).not.toMatch(/root:|"name": "skiff"/)
    })

    it('answers 405 to anything but GET and HEAD', async () => {
      expect((await fetch(`${origin}/`, { method: 'POST', headers: { cookie }, body: 'x' })).status).toBe(405)
      expect((await fetch(`${origin}/`, { method: 'PUT', headers: { cookie }, body: 'x' })).status).toBe(405)
      const head = await rawRequest(origin, '/', { method: 'HEAD', cookie })
      expect(head.status).toBe(200)
      expect(head.body).toBe('')
    })

    it('the token hand-over never redirects off this host (/.//evil.com/?token=…)', async () => {
      const reply = await rawRequest(origin, `/.//evil.com/?token=${token}`)
      expect(reply.status).toBe(303)
      expect(new URL(String(reply.headers.location), origin).origin).toBe(origin)
    })
  })

  describe('over the /rpc WebSocket', () => {
    it('rejects a socket without the cookie', async () => {
      await expect(openSocket({ origin })).rejects.toThrow(/403/)
    })

    it('rejects a socket from a foreign origin, even with the cookie', async () => {
      await expect(openSocket({ cookie, origin: 'http://evil.example' })).rejects.toThrow(/403/)
      await expect(openSocket({ cookie })).rejects.toThrow(/403/)
    })

    it('rejects a socket on any path but /rpc', async () => {
      const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/other`, { headers: { cookie }, origin })
      sockets.push(socket)
      await expect(new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))).rejects.toThrow(/403/)
    })

    it('accepts its own origin with the cookie and answers app.info as a reply frame', async () => {
      const socket = await openSocket({ cookie, origin })
      const frames = framesOf(socket)
      socket.send(JSON.stringify({ type: 'request', id: 1, channel: 'app.info', payload: {} }))
      expect(await replyTo(frames, 1)).toEqual({
        type: 'reply',
        id: 1,
        reply: { ok: true, value: expect.objectContaining({ mode: 'browser', version: 't', dataDir }) },
      })
    })

    it('ignores malformed frames and keeps the socket usable', async () => {
      const socket = await openSocket({ cookie, origin })
      const frames = framesOf(socket)
      socket.send('not json {')
      socket.send(Buffer.from(JSON.stringify({ type: 'request', id: 5, channel: 'app.info', payload: {} })), { binary: true })
      socket.send(JSON.stringify({ type: 'request', channel: 'app.info', payload: {} }))
      socket.send(JSON.stringify('a string'))
      socket.send(JSON.stringify({ type: 'cancel', id: 'x' }))
      socket.send(JSON.stringify({ type: 'request', id: 2, channel: 'app.info', payload: {} }))
      expect(await replyTo(frames, 2)).toMatchObject({ reply: { ok: true, value: { mode: 'browser' } } })
      expect(frames).toHaveLength(1)
      expect(socket.readyState).toBe(WebSocket.OPEN)
    })

    it('answers an invalid payload with INVALID_REQUEST and goes on serving', async () => {
      const socket = await openSocket({ cookie, origin })
      const frames = framesOf(socket)
      socket.send(JSON.stringify({ type: 'request', id: 3, channel: 'fs.list', payload: { target: { kind: 'local' }, path: '' } }))
      socket.send(JSON.stringify({ type: 'request', id: 4, channel: 'fs.rm', payload: {} }))
      socket.send(JSON.stringify({ type: 'request', id: 6, channel: 'app.info', payload: {} }))
      expect(await replyTo(frames, 3)).toMatchObject({ reply: { ok: false, error: { code: 'INVALID_REQUEST', message: /path/ } } })
      expect(await replyTo(frames, 4)).toMatchObject({ reply: { ok: false, error: { code: 'INVALID_REQUEST' } } })
      expect(await replyTo(frames, 6)).toMatchObject({ reply: { ok: true } })
    })

    it('refuses an upgrade whose request target is not a URL (GET //[) and keeps serving', async () => {
      const { port } = new URL(origin)
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = tcpConnect({ host: '127.0.0.1', port: Number(port) })
        let text = ''
        socket.on('data', (chunk) => (text += chunk.toString()))
        socket.on('close', () => resolve(text))
        socket.on('error', reject)
        socket.write(`GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${origin}\r\nCookie: ${cookie}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`)
      })
      expect(answer).toMatch(/^HTTP\/1\.1 403/)
      expect((await rawRequest(origin, '/', { cookie })).status).toBe(200)
    })
  })
})
