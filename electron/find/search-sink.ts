import type { FoundEntry } from '../../shared/models/find'

/** Where a search reports what it finds, whichever way it reads the tree. */
export interface SearchSink {
  /** One result. Once the search has found all it may, the sink aborts the search's signal. */
  found(entry: FoundEntry): void
  /** The folder being searched now. */
  folder(path: string): void
  /** A folder (or entry) that could not be read; the search goes on. */
  unreadable(): void
}
