/** Where a copy with a partial file already in place goes on from, or why the partial is thrown away. */
export type ResumeStart = { readonly fromOffset: number } | { readonly discard: true; readonly reason: string }

/**
 * How to go on with a `.skiffpart` that is `partSize` bytes long when the source is `sourceSize`
 * bytes. The partial is trusted as a correct prefix (the copy engine keeps it one): resume from its
 * end. An empty partial starts from 0; one as long as the source has nothing left to copy but the
 * check and the rename (`fromOffset === sourceSize`); one longer than the source cannot be a prefix
 * of it (the source changed) and is discarded, as is a size that is not a whole number of bytes.
 */
export function resumeStart(partSize: number, sourceSize: number): ResumeStart {
  if (!Number.isSafeInteger(partSize) || partSize < 0) return { discard: true, reason: 'The partial file has no usable size.' }
  if (!Number.isSafeInteger(sourceSize) || sourceSize < 0) return { discard: true, reason: 'The source has no usable size.' }
  if (partSize > sourceSize) return { discard: true, reason: 'The partial file is longer than the source, which must have changed.' }
  return { fromOffset: partSize }
}
