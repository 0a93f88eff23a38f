import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/**
 * Browser mode's door key: a random token per run. The page's first request carries it in
 * the URL; the server answers with an HttpOnly cookie so later requests (and the WebSocket)
 * carry it without the page's script ever holding it.
 */
export class AccessToken {
  readonly value = randomBytes(24).toString('base64url')
  /** Cookies ignore ports, so each run names its own: two Skiffs on one machine keep apart. */
  readonly cookieName = `skiff_token_${randomBytes(4).toString('hex')}`

  /** The Set-Cookie header that hands the token to the browser. */
  cookie(): string {
    return `${this.cookieName}=${this.value}; HttpOnly; SameSite=Strict; Path=/`
  }

  /** True when the URL's `token` parameter is right. */
  isInUrl(url: URL): boolean {
    return this.matches(url.searchParams.get('token'))
  }

  /** True when the request's cookie carries the token. */
  isInCookie(request: IncomingMessage): boolean {
    const header = request.headers.cookie ?? ''
    for (const part of header.split(';')) {
      const [name, value] = part.trim().split(/=(.*)/s, 2)
      if (name === this.cookieName && this.matches(value ?? null)) return true
    }
    return false
  }

  private matches(candidate: string | null): boolean {
    if (candidate === null) return false
    const given = Buffer.from(candidate)
    const expected = Buffer.from(this.value)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }
}
