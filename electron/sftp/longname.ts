// An `ls -l` line as SFTPv3 servers send it in `longname`; OpenSSH writes
// `%-10s %3u %-8s %-8s %8llu %s %s`: mode, links, owner, group, size, date, name.
// The mode may carry a trailing ACL/xattr marker (`.`, `+`, `@`).
const lsLongLine = /^[-a-zA-Z?][-rwxsStTlL?]{9}[.+@]?\s+\d+\s+(\S+)\s+(\S+)\s+\d+\s/

/** Owner and group as the server's `ls -l` line names them, or undefined when the line has another shape. */
export function ownerAndGroupOf(longname: string): { readonly owner: string; readonly group: string } | undefined {
  const match = lsLongLine.exec(longname)
  if (!match?.[1] || !match[2]) return undefined
  return { owner: match[1], group: match[2] }
}
