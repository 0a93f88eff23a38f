import { randomBytes } from 'node:crypto'

/** Where the page may open connections besides its own origin (browser mode's WebSocket). */
export interface PolicyOptions {
  readonly connectSrc?: readonly string[]
}

/** What index.html carries where each response puts its own nonce (see renderer/style-nonce.ts). */
const nonceMarker = 'skiff-style-nonce-placeholder'

/** A fresh nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  return randomBytes(16).toString('base64')
}

/**
 * The page's Content-Security-Policy, the same in the Electron window and in browser mode.
 * Scripts come only from Skiff's own files. Style sheets too, plus `<style>` elements that
 * carry this response's nonce: xterm.js (and the editor) write their measured cell sizes and
 * theme colours into such elements, which the renderer stamps with the nonce as they are
 * created. Inline style *attributes* are allowed (xterm.js sets a 24-bit colour on a cell that
 * way); an attribute holds no selectors, so it cannot read the page, and its url()s are held
 * to `img-src`. Injected markup gets no nonce: a `<style>` or `<script>` it smuggles in stays inert.
 */
export function contentSecurityPolicy(nonce: string, options: PolicyOptions = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    ['connect-src', "'self'", ...(options.connectSrc ?? [])].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** index.html as one response sends it: its nonce in place of the marker, and the policy that trusts it. */
function pageWithNonce(html: Buffer | string, options: PolicyOptions = {}): { body: Buffer; policy: string } {
  const nonce = newNonce()
  const text = typeof html === 'string' ? html : html.toString('utf8')
  return { body: Buffer.from(text.split(nonceMarker).join(nonce), 'utf8'), policy: contentSecurityPolicy(nonce, options) }
}

/** What one response sends for a file of the renderer: a page gets its own nonce; any other file, a policy no page could use. */
export function withPolicy(file: { readonly body: Buffer; readonly contentType: string }, options: PolicyOptions = {}): { body: Buffer; policy: string } {
  if (file.contentType.startsWith('text/html')) return pageWithNonce(file.body, options)
  return { body: file.body, policy: contentSecurityPolicy(newNonce(), options) }
}
