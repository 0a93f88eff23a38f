const maxScrollback = 1_000_000
// A day: the main process refuses more.
const maxToleranceSeconds = 86_400

/** Why a typed scrollback is refused, or null when it can be saved. */
export function scrollbackProblem(text: string): string | null {
  const lines = Number(text.trim())
  if (text.trim() === '' || !Number.isInteger(lines) || lines < 0 || lines > maxScrollback) {
    return `Scrollback must be a whole number of lines from 0 to ${maxScrollback.toLocaleString('en-US')}.`
  }
  return null
}

/** Why a typed time tolerance is refused, or null when it can be saved (fractions of a second are fine). */
export function toleranceProblem(text: string): string | null {
  const seconds = Number(text.trim())
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0 || seconds > maxToleranceSeconds) {
    return `The time tolerance must be a number of seconds from 0 to ${maxToleranceSeconds.toLocaleString('en-US')}.`
  }
  return null
}

// The main process refuses more: each server holds its own connection and channels.
const maxParallelServers = 16

/** Why a typed count of servers deployed to at once is refused, or null when it can be saved. */
export function parallelServersProblem(text: string): string | null {
  const count = Number(text.trim())
  if (text.trim() === '' || !Number.isInteger(count) || count < 1 || count > maxParallelServers) {
    return `Servers at once must be a whole number from 1 to ${maxParallelServers}.`
  }
  return null
}
