import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { FsEntry } from '../../../shared/models/fs'
import { PropertiesDialog, type PropertiesDialogProps } from './PropertiesDialog'

const entry = (over: Partial<FsEntry>): FsEntry => ({
  name: 'notes.txt',
  type: 'file',
  size: 1_234_567,
  mtimeMs: new Date(2024, 0, 5, 9, 7).getTime(),
  mode: 0o100644,
  permissions: 'rw-r--r--',
  owner: 'alice',
  group: 'staff',
  ...over,
})

const nothing = () => {}

function render(over: Partial<PropertiesDialogProps>): string {
  const props: PropertiesDialogProps = {
    entries: [entry({})],
    location: '/home/alice',
    canChown: true,
    size: { state: 'idle' },
    onCalculate: nothing,
    onCancelCalculate: nothing,
    onApply: nothing,
    onClose: nothing,
    ...over,
  }
  return renderToStaticMarkup(<PropertiesDialog {...props} />)
}

/** The attributes of the textbox whose label reads `label`. */
const textbox = (html: string, label: string) => new RegExp(`<span>${label}</span><input([^>]*)>`).exec(html)?.[1]
/** The attributes of the checkbox whose label ends in `label`. */
const labelled = (html: string, label: string) => new RegExp(`<label[^>]*>(?:(?!</label>).)*<input([^>]*)>(?:(?!</label>).)*${label}</span></label>`).exec(html)?.[1]

describe('PropertiesDialog', () => {
  it('describes one file with its size, owner and permissions', () => {
    const html = render({})
    expect(html).toContain('role="dialog"')
    expect(html).toContain('>Properties</h2>')
    expect(html).toContain('<dd>notes.txt</dd>')
    expect(html).toContain('<dd>/home/alice</dd>')
    expect(html).toContain('<dd>File</dd>')
    expect(html).toContain('1.2 MiB (1,234,567 bytes)')
    expect(html).toContain('2024-01-05 09:07')
    expect(textbox(html, 'Owner')).toContain('value="alice"')
    expect(textbox(html, 'Group')).toContain('value="staff"')
    expect(textbox(html, 'Octal')).toContain('value="0644"')
    expect(html).toContain('rw-r--r--')
    expect(html).not.toContain('Apply to subfolders')
  })

  it('has one real checkbox per permission bit, named by its label', () => {
    const html = render({})
    const labels = ['Owner read', 'Owner write', 'Owner execute', 'Group read', 'Group write', 'Group execute', 'Others read', 'Others write', 'Others execute', 'Set UID', 'Set GID', 'Sticky']
    expect(html.match(/type="checkbox"/g)).toHaveLength(12)
    for (const label of labels) expect(labelled(html, label)).toContain('type="checkbox"')
    expect(labelled(html, 'Owner write')).toContain('checked')
    expect(labelled(html, 'Owner execute')).not.toContain('checked')
  })

  it('shows where several entries disagree as mixed', () => {
    const entries = [entry({}), entry({ name: 'run.sh', mode: 0o100755, owner: 'bob' }), entry({ name: 'src', type: 'directory', mode: 0o040755 })]
    const html = render({ entries })
    expect(html).toContain('<dd>3 items</dd>')
    expect(html).toContain('<dd>2 files, 1 folder</dd>')
    expect(textbox(html, 'Octal')).toContain('value=""')
    expect(textbox(html, 'Octal')).toContain('placeholder="(mixed)"')
    expect(textbox(html, 'Owner')).toContain('value=""')
    expect(textbox(html, 'Owner')).toContain('placeholder="(mixed)"')
    expect(textbox(html, 'Group')).toContain('value="staff"')
    expect(labelled(html, 'Owner execute')).toContain('aria-checked="mixed"')
    expect(labelled(html, 'Owner read')).not.toContain('aria-checked')
    expect(html).toContain('rw?r-?r-?')
    expect(html).toContain('Apply to subfolders')
    const addX = /<input([^>]*)>Add X to folders/.exec(html)?.[1]
    expect(addX).toContain('disabled')
    expect(addX).toContain('checked')
  })

  it('names each kind of link', () => {
    const type = (over: Partial<FsEntry>) => /<dt>Type<\/dt><dd>([^<]*)<\/dd>/.exec(render({ entries: [entry({ type: 'symlink', ...over })] }))?.[1]
    expect(type({ linkTargetType: 'directory' })).toBe('Link to a folder')
    expect(type({ linkTargetType: 'file' })).toBe('Link to a file')
    expect(type({})).toBe('Link (dangling)')
    expect(render({ entries: [entry({ type: 'symlink', linkTarget: '../shared/notes.txt' })] })).toContain('<dt>Link target</dt><dd>../shared/notes.txt</dd>')
  })

  it('offers, runs and reports the size of a folder', () => {
    const folder = [entry({ name: 'src', type: 'directory', mode: 0o040755 })]
    expect(render({ entries: folder })).toMatch(/<button type="button">Calculate<\/button>/)
    const running = render({ entries: folder, size: { state: 'running' } })
    expect(running).toContain('Calculating…')
    expect(running).toContain('>Stop</button>')
    const done = render({ entries: folder, size: { state: 'done', count: { files: 1204, folders: 3, links: 0, others: 0, bytes: 1_234_567 } } })
    expect(done).toContain('1.2 MiB (1,234,567 bytes)')
    expect(done).toContain('1,204 files, 3 folders')
    expect(render({ entries: folder, size: { state: 'failed', message: 'Permission denied' } })).toContain('Permission denied')
  })

  it('keeps owner and group read-only where they cannot change', () => {
    const html = render({ canChown: false })
    expect(textbox(html, 'Owner')).toContain('value="alice"')
    expect(textbox(html, 'Owner')).toContain('readOnly')
    expect(html).toContain('This file system cannot change owners.')
  })
})
