// Test data for bench:transfer: one large file and a tree of small ones, with what is needed
// to check a copy of each (sizes, counts and sha256 digests recorded while writing them).
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, readdir, stat, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'

/** How much data a run moves. */
export interface DataSizes {
  readonly bigFileBytes: number
  readonly folderCount: number
  readonly filesPerFolder: number
}

/** The large file and what a correct copy of it looks like. */
export interface BigFile {
  readonly path: string
  readonly bytes: number
  readonly sha256: string
}

/** The tree of small files and what a correct copy of it looks like. */
export interface FileTree {
  readonly path: string
  readonly files: number
  readonly bytes: number
  /** sha256 of a few files, by path relative to the tree's root. */
  readonly samples: ReadonlyMap<string, string>
}

const blockBytes = 4 * 1024 * 1024
const headerBytes = 64

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/**
 * One random 4 MiB block written again and again, each copy with its own header (index and a
 * digest of it), so no two blocks are alike and nothing compresses, at the speed of the disk.
 */
async function writeBigFile(path: string, bytes: number, block: Buffer): Promise<BigFile> {
  const hash = createHash('sha256')
  const file = await open(path, 'w')
  try {
    for (let offset = 0, index = 0; offset < bytes; offset += blockBytes, index++) {
      createHash('sha512').update(`block ${index}`).digest().copy(block, 0, 0, headerBytes)
      const piece = block.subarray(0, Math.min(blockBytes, bytes - offset))
      hash.update(piece)
      await file.write(piece, 0, piece.length, offset)
    }
  } finally {
    await file.close()
  }
  return { path, bytes, sha256: hash.digest('hex') }
}

/** Sizes from 1 KiB to 8 KiB, the same on every run. */
function smallFileBytes(index: number): number {
  return 1024 + ((index * 2_654_435_761) % 7169)
}

async function writeTree(root: string, sizes: DataSizes, block: Buffer): Promise<FileTree> {
  const total = sizes.folderCount * sizes.filesPerFolder
  const sampleIndexes = new Set([0, 1, Math.floor(total / 3), Math.floor(total / 2), Math.floor((2 * total) / 3), total - 1])
  const samples = new Map<string, string>()
  let bytes = 0
  for (let folder = 0; folder < sizes.folderCount; folder++) {
    const dir = join(root, `d${String(folder).padStart(2, '0')}`)
    await mkdir(dir, { recursive: true })
    const writes = Array.from({ length: sizes.filesPerFolder }, (_, i) => {
      const index = folder * sizes.filesPerFolder + i
      const size = smallFileBytes(index)
      const start = (index * 4099) % (block.length - size)
      const content = Buffer.concat([Buffer.from(`file ${index}\n`), block.subarray(start, start + size)]).subarray(0, size)
      const path = join(dir, `f${String(i).padStart(3, '0')}.bin`)
      bytes += size
      if (sampleIndexes.has(index)) samples.set(relative(root, path), sha256(content))
      return writeFile(path, content)
    })
    await Promise.all(writes)
  }
  return { path: root, files: total, bytes, samples }
}

/** Writes the large file and the tree into `dir` (which must exist). */
export async function makeBenchData(dir: string, sizes: DataSizes): Promise<{ big: BigFile; tree: FileTree }> {
  const block = randomBytes(blockBytes)
  const big = await writeBigFile(join(dir, 'big.bin'), sizes.bigFileBytes, block)
  const tree = await writeTree(join(dir, 'tree'), sizes, block)
  return { big, tree }
}

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Why the copy at `path` is not `expected`, or null when it is a faithful copy. */
export async function checkBigFile(path: string, expected: BigFile): Promise<string | null> {
  const info = await stat(path).catch(() => null)
  if (!info?.isFile()) return `${path} is missing`
  if (info.size !== expected.bytes) return `size ${info.size}, expected ${expected.bytes}`
  if ((await sha256OfFile(path)) !== expected.sha256) return 'sha256 differs'
  return null
}

/** Why the tree at `root` is not a copy of `expected`, or null when it is. */
export async function checkTree(root: string, expected: FileTree): Promise<string | null> {
  let files = 0
  let bytes = 0
  // Bounded by the tree itself: readdir of a real folder never repeats an entry.
  const folders = [root]
  while (folders.length > 0) {
    const folder = folders.pop()!
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => null)
    if (!entries) return `${folder} is missing`
    for (const entry of entries) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) folders.push(path)
      else if (entry.isFile()) {
        files++
        bytes += (await stat(path)).size
      }
    }
  }
  if (files !== expected.files) return `${files} files, expected ${expected.files}`
  if (bytes !== expected.bytes) return `${bytes} bytes, expected ${expected.bytes}`
  for (const [path, digest] of expected.samples) {
    if ((await sha256OfFile(join(root, path)).catch(() => '')) !== digest) return `${path}: sha256 differs`
  }
  return null
}
