import type { CompareOptions, DeepCompare } from '../../stores/compare-store'

// `subfolders`, `checksums`, or both, as the options say.
const parts = (options: CompareOptions) => [options.isDeep ? 'subfolders' : '', options.isChecksum ? 'checksums' : ''].filter(Boolean).join(' and ')

const counted = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`

/** What the compare bar says of the main process's part: running, how much it read, what it could not do. */
export function deepStatus(deep: DeepCompare, options: CompareOptions): string {
  switch (deep.status) {
    case 'off':
      return ''
    case 'running':
      return `Comparing ${parts(options)}…`
    case 'failed': {
      const what = parts(options)
      return `${what.charAt(0).toUpperCase()}${what.slice(1)} not compared: ${deep.message}`
    }
    case 'done': {
      const entries = `${counted(deep.entriesCompared, 'entry', 'entries')} compared`
      if (deep.unhashedPairs === 0) return entries
      return `${entries}; no SHA-256 from the server for ${counted(deep.unhashedPairs, 'pair', 'pairs')}: compared by time and size`
    }
  }
}

/** While it runs, how many entries it has read: ` 4,321 entries read` (drawn, not read out ten times a second). */
export function readSoFar(deep: DeepCompare): string {
  return deep.status === 'running' && deep.entriesRead > 0 ? ` ${counted(deep.entriesRead, 'entry', 'entries')} read` : ''
}
