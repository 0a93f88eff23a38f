// Combining marks, so `é` (e + ◌́ after NFKD) files beside `e`.
const combiningMarks = /\p{M}+/gu
const digitRun = /\d+/g
// eslint-disable-next-line no-control-regex -- the whole ASCII range, controls included
const asciiOnly = /^[\u0000-\u007f]*$/
// Longer runs than this compare by their first digits only: no real name needs more.
const maxDigits = 99

// A run of digits becomes its length (two digits) and then its value without leading zeros,
// so plain string comparison orders `2` before `10`, as people read numbers.
function numericKey(run: string): string {
  const digits = run.replace(/^0+(?=\d)/, '')
  const length = Math.min(digits.length, maxDigits)
  return (length < 10 ? '0' : '') + String(length) + digits
}

/**
 * A sort key for a file name: case- and accent-insensitive, numbers by value. Comparing keys
 * with `<` is many times cheaper than `Intl.Collator#compare` per pair, which is what keeps
 * sorting 100,000 names well under one frame budget's worth of long task.
 */
export function nameSortKey(name: string): string {
  // Most names are ASCII: they need no Unicode folding, which is the costly part.
  const folded = asciiOnly.test(name) ? name.toLowerCase() : name.normalize('NFKD').replace(combiningMarks, '').toLowerCase()
  return folded.replace(digitRun, numericKey)
}
