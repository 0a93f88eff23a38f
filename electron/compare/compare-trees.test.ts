import { describe, expect, it } from 'vitest'
import { defaultSyncCriteria } from '../../shared/models/sync'
import type { SideNode, SideProblem, SideTree } from '../sync/sync-side'
import { compareTrees } from './compare-trees'

const t0 = Date.UTC(2026, 2, 29, 0, 30)
const file = (path: string, size = 1, mtimeMs = t0): SideNode => ({ type: 'file', size, mtimeMs, mode: 0o100644, relPath: path.split('/'), path: `/r/${path}` })
const folder = (path: string): SideNode => ({ type: 'directory', size: 0, mtimeMs: 0, mode: 0o40755, relPath: path.split('/'), path: `/r/${path}` })
const unreadable = (path: string): SideProblem => ({ path: `/r/${path}`, message: 'Permission denied', relPath: path === '' ? [] : path.split('/') })
const tree = (nodes: readonly SideNode[], problems: readonly SideProblem[] = []): SideTree => ({ root: '/r', isPresent: true, nodes: new Map(nodes.map((node) => [node.relPath.join('/'), node])), problems })
const states = (local: SideTree, remote: SideTree, isDeep = true) =>
  Object.fromEntries(compareTrees(local, remote, { criteria: defaultSyncCriteria, isDeep }).map((entry) => [entry.name, `${entry.where} ${entry.state}`]))

describe('comparing two trees by their top level', () => {
  it('a folder with an unreadable folder inside is never the same', () => {
    const local = tree([folder('a'), folder('a/locked'), file('a/x')], [unreadable('a/locked')])
    const remote = tree([folder('a'), folder('a/locked'), file('a/x')])
    expect(states(local, remote)).toEqual({ a: 'both different-inside' })
    expect(compareTrees(local, remote, { criteria: defaultSyncCriteria, isDeep: true })[0]?.inside).toMatchObject({ unreadable: 1, same: 1 })
  })

  it('a top-level folder one side cannot list is on both sides and not the same, even one level deep', () => {
    const local = tree([], [unreadable('secret'), unreadable('mine')])
    const remote = tree([folder('secret'), file('secret/x')])
    expect(states(local, remote)).toEqual({ secret: 'both different-inside', mine: 'local only-here' })
    expect(states(local, remote, false)).toEqual({ secret: 'both different-inside', mine: 'local only-here' })
  })

  it('a root that cannot be read fails the comparison', () => {
    expect(() => states(tree([], [unreadable('')]), tree([]))).toThrow(/could not be read/)
  })

  it('a file here and a folder there below a folder counts as different, and what is inside it as only there', () => {
    const local = tree([folder('a'), file('a/kind')])
    const remote = tree([folder('a'), folder('a/kind'), file('a/kind/inner')])
    expect(compareTrees(local, remote, { criteria: defaultSyncCriteria, isDeep: true })[0]?.inside).toMatchObject({ different: 1, onlyRemote: 1, same: 0 })
  })
})
