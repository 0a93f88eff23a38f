import type { FindEnded, FindProgress, FoundEntry } from '../../shared/models/find'
import type { FindId } from '../../shared/models/ids'
import type { SearchSink } from './search-sink'

/** How a search's reports leave: `find.found` and `find.ended` to the client that started it. */
export interface FindEmit {
  found(progress: FindProgress): void
  ended(ended: FindEnded): void
}

// At most ten reports a second: results found in between travel together.
const reportIntervalMs = 100

/**
 * A search's results on their way out: batched (the first at once, then at most one report per
 * 100 ms), counted, capped at `limit` (past it the search is stopped through `stop`), then one end.
 */
export class FindReport implements SearchSink {
  private batch: FoundEntry[] = []
  private currentFolder = ''
  private count = 0
  private unreadableCount = 0
  private lastReportAt = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  private isEnded = false
  isTruncated = false

  constructor(
    private readonly findId: FindId,
    private readonly emit: FindEmit,
    private readonly limit: number,
    private readonly stop: () => void,
  ) {}

  found(entry: FoundEntry): void {
    if (this.isEnded || this.isTruncated) return
    this.batch.push(entry)
    this.count++
    if (this.count >= this.limit) {
      this.isTruncated = true
      this.stop()
    }
    this.schedule()
  }

  folder(path: string): void {
    if (this.isEnded || path === this.currentFolder) return
    this.currentFolder = path
    this.schedule()
  }

  unreadable(): void {
    this.unreadableCount++
  }

  /** Sends what is waiting, then the end; nothing is sent after it. */
  end(state: FindEnded['state'], error?: FindEnded['error']): void {
    if (this.isEnded) return
    this.flush()
    this.isEnded = true
    this.emit.ended({ findId: this.findId, state, count: this.count, isTruncated: this.isTruncated, unreadable: this.unreadableCount, ...(error ? { error } : {}) })
  }

  private schedule(): void {
    if (this.timer) return
    const wait = Math.max(0, this.lastReportAt + reportIntervalMs - Date.now())
    this.timer = setTimeout(() => this.flush(), wait)
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (this.isEnded) return
    this.lastReportAt = Date.now()
    const entries = this.batch
    this.batch = []
    this.emit.found({ findId: this.findId, entries, folder: this.currentFolder, count: this.count })
  }
}
