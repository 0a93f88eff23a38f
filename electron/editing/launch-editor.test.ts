import { describe, expect, it } from 'vitest'
import { editorArguments } from './launch-editor'

describe('editorArguments', () => {
  it('puts the path in place of %f, as one word however it is spelled', () => {
    expect(editorArguments('code --wait %f', "/tmp/a b/it's; rm -rf ~.txt")).toEqual(['code', '--wait', "/tmp/a b/it's; rm -rf ~.txt"])
    expect(editorArguments('"C:\\\\Program Files\\\\Notepad++\\\\notepad++.exe" -multiInst %f', 'x')).toEqual(['C:\\Program Files\\Notepad++\\notepad++.exe', '-multiInst', 'x'])
    expect(editorArguments('emacs +1 --file=%f', '/t/f')).toEqual(['emacs', '+1', '--file=/t/f'])
  })

  it('adds the path at the end when the command has no %f', () => {
    expect(editorArguments('gedit', '/t/notes.txt')).toEqual(['gedit', '/t/notes.txt'])
  })

  it('refuses shell syntax, since the command never runs through a shell', () => {
    for (const command of ['vim %f | tee log', 'vim %f; reboot', 'vim $HOME/%f', 'vim *.txt']) {
      expect(() => editorArguments(command, '/t/f')).toThrow(/shell syntax/)
    }
  })
})
