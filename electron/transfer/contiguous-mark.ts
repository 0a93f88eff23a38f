/**
 * The high-water mark of a pipelined copy: the end of the longest prefix whose every byte is
 * known written. Writes finish out of order; only this prefix may be trusted after a failure,
 * so a partial file is cut back to it (as OpenSSH's sftp does) and is always a correct prefix.
 */
export class ContiguousMark {
  // Finished ranges past the mark, by start: each [start, end).
  private readonly pending = new Map<number, number>()
  private mark: number

  constructor(start: number) {
    this.mark = start
  }

  /** Bytes before the mark are all written. */
  get value(): number {
    return this.mark
  }

  /** Records [start, end) as written; returns how far the mark moved. */
  add(start: number, end: number): number {
    if (end <= start) return 0
    const before = this.mark
    this.pending.set(start, Math.max(end, this.pending.get(start) ?? end))
    for (let next = this.pending.get(this.mark); next !== undefined; next = this.pending.get(this.mark)) {
      this.pending.delete(this.mark)
      this.mark = Math.max(this.mark, next)
    }
    return this.mark - before
  }
}
