import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UploadStaging } from './upload-staging'

describe('UploadStaging', () => {
  let dir = ''
  let staging: UploadStaging
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skiff-staging-'))
    staging = new UploadStaging(join(dir, 'staging'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('assembles pieces in any order into a file with the given time', async () => {
    const id = await staging.begin('note.txt', 10, Date.UTC(2020, 0, 1))
    await staging.write(id, 5, Buffer.from('world'))
    await staging.write(id, 0, Buffer.from('hello'))
    const path = await staging.finish(id)
    expect(await readFile(path, 'utf8')).toBe('helloworld')
    expect((await stat(path)).mtimeMs).toBe(Date.UTC(2020, 0, 1))
  })

  it('refuses names that are not one plain name, and bytes past the size', async () => {
    await expect(staging.begin('../escape', 1, 0)).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    await expect(staging.begin('a/b', 1, 0)).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    const id = await staging.begin('small', 2, 0)
    await expect(staging.write(id, 1, Buffer.from('xy'))).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
  })

  it('an upload that did not arrive whole is refused and removed', async () => {
    const id = await staging.begin('part.bin', 10, 0)
    await staging.write(id, 0, Buffer.from('12345'))
    await expect(staging.finish(id)).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    expect(await readdir(join(dir, 'staging'))).toEqual([])
    await expect(staging.write(id, 5, Buffer.from('67890'))).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
