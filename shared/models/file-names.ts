/** The longest name ext4, XFS, APFS and most SFTP servers accept, in UTF-8 bytes. */
const maxNameBytes = 255
// Windows refuses these in a name, and control characters too.
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const windowsForbidden = /[<>:"/\\|?*\u0000-\u001f]/
// Device names Windows reserves, with or without an extension.
const windowsReserved = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i

/**
 * Why a name a person typed (a new folder, a rename, a link) cannot be one entry's name on the
 * file system it is meant for; null when it is fine. The answer is a sentence to show in the
 * dialog, before anything is sent. Spaces, unicode, a leading `-` are fine: names are never
 * passed through a shell.
 */
export function typedNameProblem(name: string, isWindows: boolean): string | null {
  if (name === '') return 'Type a name.'
  if (name.trim() === '') return 'A name of only spaces cannot be told apart in a list: type a visible name.'
  if (name === '.' || name === '..') return `"${name}" is not a name: it means the folder itself or the one above.`
  if (name.includes('/')) return 'A name cannot contain "/": it separates folders.'
  if (name.includes('\0')) return 'A name cannot contain a NUL character.'
  if (new TextEncoder().encode(name).length > maxNameBytes) return `The name is longer than ${maxNameBytes} bytes.`
  if (!isWindows) return null
  if (windowsForbidden.test(name)) return 'Windows does not allow any of < > : " / \\ | ? * or control characters in a name.'
  if (windowsReserved.test(name)) return `Windows reserves the name "${name.split('.')[0]}" for a device.`
  if (/[. ]$/.test(name)) return 'Windows does not allow a name to end with a space or a dot.'
  return null
}
