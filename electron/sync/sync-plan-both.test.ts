import { describe, expect, it } from 'vitest'
import { defaultSyncCriteria } from '../../shared/models/sync'
import { planTwoWay, type TwoWayOptions } from './sync-plan-both'
import type { PlannedRow } from './sync-rows'
import type { SideNode, SideTree } from './sync-side'
import type { PairState, SyncState } from './sync-state'

// Entries as `name: [size, mtime seconds]`, a folder as `name/: null`, a link as `name: '->target'`.
type Spec = Record<string, [number, number] | null | string>

function tree(root: string, spec: Spec): SideTree {
  const nodes = new Map<string, SideNode>()
  for (const [name, value] of Object.entries(spec)) {
    const key = name.replace(/\/$/, '')
    const relPath = key.split('/')
    const base = { relPath, path: `${root}/${key}`, mode: 0o644 }
    if (value === null) nodes.set(key, { ...base, type: 'directory', size: 0, mtimeMs: 0 })
    else if (typeof value === 'string') nodes.set(key, { ...base, type: 'symlink', size: 0, mtimeMs: 0, linkTarget: value.slice(2) })
    else nodes.set(key, { ...base, type: 'file', size: value[0], mtimeMs: value[1] * 1000 })
  }
  return { root, isPresent: true, nodes, problems: [] }
}

/** The state after a synchronization that left both sides as `spec`. */
function stateOf(spec: Spec): SyncState {
  const state = new Map<string, PairState>()
  for (const node of tree('', spec).nodes.values()) {
    const type = node.type === 'other' ? 'file' : node.type
    const facts = { size: node.size, mtimeMs: node.mtimeMs, ...(node.linkTarget ? { linkTarget: node.linkTarget } : {}) }
    state.set(node.relPath.join('/'), { type, local: facts, remote: facts })
  }
  return state
}

const options: TwoWayOptions = { criteria: defaultSyncCriteria, isIncluded: () => true, isLocalWindows: false, isLocalCaseBlind: false, unreadable: new Set() }

function plan(local: Spec, remote: Spec, last: SyncState | null, patch: Partial<TwoWayOptions> = {}): PlannedRow[] {
  return planTwoWay(tree('/home/me/site', local), tree('/srv/www', remote), last, { ...options, ...patch })
}

const summary = (rows: readonly PlannedRow[]) => Object.fromEntries(rows.map((row) => [row.path, `${row.action} ${row.side}`]))

describe('planTwoWay', () => {
  it('on a first run copies what one side alone has both ways, lets the newer file win, and deletes nothing', () => {
    const rows = plan({ 'a.txt': [1, 100], 'mine/': null, 'mine/x.txt': [2, 100], 'same.txt': [3, 100], 'edited.txt': [4, 500] }, { 'b.txt': [1, 100], 'same.txt': [3, 101], 'edited.txt': [5, 100], 'fresh.txt': [6, 900] }, null)
    expect(summary(rows)).toEqual({ 'a.txt': 'upload remote', 'b.txt': 'download local', 'edited.txt': 'replace remote', 'fresh.txt': 'download local', mine: 'upload remote', 'mine/x.txt': 'upload remote' })
    expect(rows.find((row) => row.path === 'edited.txt')?.reason).toBe('newer on this computer')
    expect(rows.find((row) => row.path === 'a.txt')?.reason).toBe('only on this computer')
  })

  it('deletes on one side what was deleted on the other since the last run, and copies what changed on one side', () => {
    const last = stateOf({ 'gone-here.txt': [1, 100], 'gone-there.txt': [1, 100], 'edited-here.txt': [1, 100], 'edited-there.txt': [1, 100], 'kept.txt': [1, 100] })
    const rows = plan({ 'gone-there.txt': [1, 100], 'edited-here.txt': [2, 300], 'edited-there.txt': [1, 100], 'kept.txt': [1, 100] }, { 'gone-here.txt': [1, 100], 'edited-here.txt': [1, 100], 'edited-there.txt': [9, 50], 'kept.txt': [1, 100] }, last)
    expect(summary(rows)).toEqual({ 'edited-here.txt': 'replace remote', 'edited-there.txt': 'replace local', 'gone-here.txt': 'delete remote', 'gone-there.txt': 'delete local' })
    expect(rows.find((row) => row.path === 'gone-there.txt')?.reason).toBe('deleted on the server since the last sync')
    expect(rows.find((row) => row.path === 'edited-there.txt')?.reason).toBe('changed on the server since the last sync')
  })

  it('asks about a file changed on both sides, or changed on one and deleted on the other, and never picks one itself', () => {
    const last = stateOf({ 'both.txt': [1, 100], 'edited-here.txt': [1, 100], 'edited-there.txt': [1, 100], 'same-edit.txt': [1, 100] })
    const rows = plan({ 'both.txt': [2, 200], 'edited-here.txt': [3, 300], 'same-edit.txt': [7, 700], 'new.txt': [1, 1] }, { 'both.txt': [3, 300], 'edited-there.txt': [4, 400], 'same-edit.txt': [7, 700], 'new.txt': [2, 2] }, last)
    expect(summary(rows)).toEqual({ 'both.txt': 'conflict remote', 'edited-here.txt': 'conflict remote', 'edited-there.txt': 'conflict local', 'new.txt': 'conflict remote' })
    const reason = (path: string) => rows.find((row) => row.path === path)?.reason
    expect(reason('both.txt')).toBe('changed on both sides since the last sync')
    expect(reason('edited-here.txt')).toBe('changed on this computer, deleted on the server since the last sync')
    expect(reason('edited-there.txt')).toBe('changed on the server, deleted on this computer since the last sync')
    expect(reason('new.txt')).toBe('new on both sides since the last sync, with different content')
    const both = rows.find((row) => row.path === 'both.txt')!
    expect([both.source?.path, both.target?.path]).toEqual(['/home/me/site/both.txt', '/srv/www/both.txt'])
  })

  it('deletes a folder deleted on the other side whole when nothing in it changed, and decides entry by entry when something did', () => {
    const last = stateOf({ 'old/': null, 'old/a.txt': [1, 1], 'old/deep/': null, 'old/deep/b.txt': [1, 1], 'docs/': null, 'docs/a.md': [1, 1], 'docs/b.md': [1, 1] })
    const rows = plan({ 'docs/': null, 'docs/a.md': [1, 1], 'docs/b.md': [2, 9], 'docs/new.md': [1, 5] }, { 'old/': null, 'old/a.txt': [1, 1], 'old/deep/': null, 'old/deep/b.txt': [1, 1] }, last)
    expect(summary(rows)).toEqual({ 'docs/a.md': 'delete local', 'docs/b.md': 'conflict remote', 'docs/new.md': 'upload remote', old: 'delete remote' })
    const old = rows.find((row) => row.path === 'old')!
    expect(old.entriesInside).toBe(3)
    expect(old.inside?.map((node) => node.path).sort()).toEqual(['/srv/www/old/a.txt', '/srv/www/old/deep', '/srv/www/old/deep/b.txt'])
  })

  it('keeps what the masks leave out: a folder holding one is not deleted whole, and the left-out entry is not touched', () => {
    const last = stateOf({ 'logs/': null, 'logs/a.txt': [1, 1] })
    const rows = plan({}, { 'logs/': null, 'logs/a.txt': [1, 1], 'logs/today.tmp': [1, 1] }, last, { isIncluded: (node) => !node.relPath.at(-1)!.endsWith('.tmp') })
    expect(summary(rows)).toEqual({ 'logs/a.txt': 'delete remote' })
  })

  it('decides nothing below a folder a walk could not read (its entries are unknown, not deleted)', () => {
    const last = stateOf({ 'locked/': null, 'locked/a.txt': [1, 1], 'b.txt': [1, 1] })
    const rows = plan({ 'locked/': null, 'b.txt': [1, 1] }, { 'locked/': null, 'locked/a.txt': [1, 1], 'b.txt': [1, 1] }, last, { unreadable: new Set(['locked']) })
    expect(rows).toEqual([])
  })

  it('shows case twins, a file against a folder and names this computer cannot hold as problems, and nothing below them runs', () => {
    const rows = plan({ 'README.md': [1, 1], 'thing': [1, 1] }, { 'Readme.md': [1, 1], 'thing/': null, 'thing/inside.txt': [1, 1], 'con.txt': [1, 1], 'a:b.txt': [1, 1] }, null, { isLocalWindows: true })
    expect(summary(rows)).toEqual({ 'README.md': 'problem local', 'Readme.md': 'problem remote', 'a:b.txt': 'problem remote', 'con.txt': 'problem remote', thing: 'problem local' })
    expect(rows.find((row) => row.path === 'thing')?.reason).toBe('a file on this computer, a folder on the server: not synchronized')
    expect(rows.find((row) => row.path === 'con.txt')?.reason).toMatch(/^cannot be created on this computer: /)
  })

  it('treats a link as changed when it points elsewhere, and deletes the link itself, never what it points to', () => {
    const last = stateOf({ 'current': '->v1', 'latest': '->v1' })
    const rows = plan({ 'current': '->v2', 'latest': '->v1' }, { 'current': '->v1' }, last)
    expect(summary(rows)).toEqual({ current: 'replace remote', latest: 'delete local' })
    expect(rows.find((row) => row.path === 'latest')?.target?.type).toBe('symlink')
  })
})
