/**
 * The last stretch of a terminal's output (256 Ki characters by default), kept so that a page
 * that reloads can redraw the screen it had. Cut at a line break where it can be, so the
 * replay does not start inside an escape sequence.
 */
export class RecentOutput {
  private chunks: string[] = []
  private length = 0

  constructor(private readonly maxChars = 256 * 1024) {}

  add(text: string): void {
    this.chunks.push(text)
    this.length += text.length
    if (this.length <= this.maxChars * 1.5) return
    // Trimmed in bulk: joining on every packet would cost more than the output itself.
    const kept = this.text()
    this.chunks = [kept]
    this.length = kept.length
  }

  /** What to draw on a fresh screen: the last `maxChars`, from the line break just after their start when it is near. */
  text(): string {
    const all = this.chunks.join('')
    if (all.length <= this.maxChars) return all
    const start = all.length - this.maxChars
    const lineBreak = all.indexOf('\n', start)
    return all.slice(lineBreak >= 0 && lineBreak - start < 4096 ? lineBreak + 1 : start)
  }
}
