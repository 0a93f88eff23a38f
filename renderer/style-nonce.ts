// The page's Content-Security-Policy admits a `<style>` element only when it carries the nonce
// of the response that served the page (see electron/web/page-policy.ts). xterm.js and the
// editor create such elements themselves, with no way to pass a nonce in, so every `<style>`
// a script creates gets it as it is created, before it can be inserted. Markup parsed from a
// string (innerHTML) does not come through here and stays without one.

/** This page's style nonce, from `<meta name="style-nonce">`; empty when the page has none. */
export const styleNonce = document.querySelector<HTMLMetaElement>('meta[name="style-nonce"]')?.content ?? ''

const createElement = Document.prototype.createElement

if (styleNonce) {
  Document.prototype.createElement = function (this: Document, tagName: string, options?: ElementCreationOptions): HTMLElement {
    const element = createElement.call<Document, [string, ElementCreationOptions | undefined], HTMLElement>(this, tagName, options)
    if (element instanceof HTMLStyleElement) element.nonce = styleNonce
    return element
  } as typeof Document.prototype.createElement
}
