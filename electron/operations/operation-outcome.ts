import { isSkiffError, SkiffError, type ErrorCode } from '../../shared/models/errors'
import type { TreeCount } from '../../shared/models/file-ops'
import type { TreePlan, WalkProblem } from '../transfer/plan/tree-walk'

/** One entry an operation could not do, and why. `path` may hold a hostile raw name. */
export interface OperationFailure {
  readonly path: string
  readonly code: ErrorCode
  readonly message: string
}

/** How far an operation is: entries done of the entries it found. */
export interface OperationProgress {
  readonly done: number
  readonly total: number
  /** The entry being worked on now. */
  readonly currentPath?: string
}

/** What an operation did. Failures fail the job; notes (a link left as it is) do not. */
export interface OperationOutcome {
  readonly done: number
  readonly total: number
  readonly failures: readonly OperationFailure[]
  readonly notes: readonly WalkProblem[]
  /** What the walk found (a folder size's answer). */
  readonly count: TreeCount
}

/** Options every operation takes. */
export interface OperationOptions {
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: OperationProgress) => void
}

/** The walk's "Not copied: …" problems, as an operation says them. */
export function walkFailures(problems: readonly WalkProblem[]): OperationFailure[] {
  return problems.map((problem) => ({ path: problem.path, code: 'INVALID_REQUEST', message: problem.message.replace(/^Not (copied|moved): /, 'Left as it is: ') }))
}

/** What a plan holds, as a count. */
export function countOf(plan: TreePlan): TreeCount {
  return { folders: plan.folders.length, files: plan.files.length, links: plan.links.length, others: plan.specials.length, bytes: plan.totalBytes }
}

/**
 * Runs one step on one entry: a failure is recorded and the rest go on, except a lost
 * connection or a cancel, which end the operation (nothing is reported done that was not).
 */
export async function step(path: string, failures: OperationFailure[], work: () => Promise<void>): Promise<boolean> {
  try {
    await work()
    return true
  } catch (error) {
    if (!isSkiffError(error)) throw new SkiffError('INTERNAL', `${path}: the operation failed unexpectedly.`, { cause: error })
    if (error.code === 'DISCONNECTED' || error.code === 'CANCELLED') throw error
    failures.push({ path, code: error.code, message: error.message.includes(path) ? error.message : `${path}: ${error.message}` })
    return false
  }
}

/** Folders grouped by depth, deepest first: each group may run at once, a parent only after its children. */
export function deepestFirst<T extends { readonly relPath: readonly string[] }>(folders: readonly T[]): T[][] {
  const byDepth = new Map<number, T[]>()
  for (const folder of folders) {
    const group = byDepth.get(folder.relPath.length)
    if (group) group.push(folder)
    else byDepth.set(folder.relPath.length, [folder])
  }
  return [...byDepth.entries()].sort((a, b) => b[0] - a[0]).map(([, group]) => group)
}
