import type { ConflictChoice } from '../../shared/models/transfer'

/**
 * What one job keeps from run to run (a pause and resume, a reconnect, a retry), so the next
 * run picks up where the last one stopped: files already in place are neither copied nor
 * asked about again, an answer given in the `File exists` dialog stands, and an overwrite
 * that was half done resumes from its part file instead of starting over.
 */
export class CopyMemory {
  /** Source paths of files already in place under their final names, with their sizes. */
  readonly placed = new Map<string, number>()
  /** Source paths of links already recreated on the target. */
  readonly linked = new Set<string>()
  /** The answer given for each taken target path. */
  readonly answers = new Map<string, ConflictChoice>()
  /**
   * Part files this job is writing, by path. True when the part holds only what the job wrote
   * (a cancel removes it); false when it is the person's own earlier partial, renamed for a
   * Resume (a cancel leaves it).
   */
  readonly parts = new Map<string, boolean>()

  /** Part files a cancel should remove. */
  ownParts(): string[] {
    return [...this.parts].filter(([, isOwn]) => isOwn).map(([path]) => path)
  }
}
