import { describe, expect, it } from 'vitest'
import type { FoundEntry } from '../../../shared/models/find'
import { nextResultSort, sortResults } from './sort-results'

const found = (path: string, size: number, mtimeMs: number): FoundEntry => {
  const cut = path.lastIndexOf('/')
  return { path, name: path.slice(cut + 1), folder: path.slice(0, cut), type: 'file', size, mtimeMs }
}

const results = [found('/b/file10.log', 5, 300), found('/a/File2.log', 5, 100), found('/c/app.log', 1, 200), found('/a/file10.log', 9, 300)]
const paths = (list: readonly FoundEntry[]) => list.map((result) => result.path)

describe('Find results order', () => {
  it('keeps the order found until a header is clicked', () => {
    expect(sortResults(results, null)).toBe(results)
  })

  it('sorts names as the panes do (numbers as numbers, case aside), the path breaking ties', () => {
    expect(paths(sortResults(results, { column: 'name', isDescending: false }))).toEqual(['/c/app.log', '/a/File2.log', '/a/file10.log', '/b/file10.log'])
  })

  it('sorts by folder, size and time, and the same header again turns the order round', () => {
    expect(paths(sortResults(results, { column: 'folder', isDescending: false }))).toEqual(['/a/File2.log', '/a/file10.log', '/b/file10.log', '/c/app.log'])
    expect(paths(sortResults(results, { column: 'size', isDescending: true }))).toEqual(['/a/file10.log', '/b/file10.log', '/a/File2.log', '/c/app.log'])
    expect(paths(sortResults(results, { column: 'modified', isDescending: false }))).toEqual(['/a/File2.log', '/c/app.log', '/a/file10.log', '/b/file10.log'])
    expect(nextResultSort(null, 'size')).toEqual({ column: 'size', isDescending: false })
    expect(nextResultSort({ column: 'size', isDescending: false }, 'size')).toEqual({ column: 'size', isDescending: true })
    expect(nextResultSort({ column: 'size', isDescending: true }, 'name')).toEqual({ column: 'name', isDescending: false })
  })
})
