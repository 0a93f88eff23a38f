import { describe, expect, it } from 'vitest'
import { SkiffError } from '../../shared/models/errors'
import { toFsError } from './fs-errors'

function nodeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code })
}

function sftpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { code })
}

describe('file-system errors', () => {
  it('maps Node errno codes to error codes with the path in the message', () => {
    const cases: Array<[string, string]> = [
      ['ENOENT', 'NOT_FOUND'],
      ['EACCES', 'PERMISSION_DENIED'],
      ['EPERM', 'PERMISSION_DENIED'],
      ['EEXIST', 'EXISTS'],
      ['ENOSPC', 'NO_SPACE'],
      ['EDQUOT', 'NO_SPACE'],
      ['ENOTDIR', 'NOT_FOUND'],
      ['ELOOP', 'NOT_FOUND'],
      ['EISDIR', 'INVALID_REQUEST'],
      ['ENAMETOOLONG', 'INVALID_REQUEST'],
    ]
    for (const [errno, code] of cases) {
      const error = toFsError(nodeError(errno, `${errno}: whatever, open '/x'`), '/srv/a b')
      expect(error).toMatchObject({ code })
      expect(error.message).toContain('/srv/a b')
    }
  })

  it('makes an unknown errno INTERNAL with a plain one-line message', () => {
    const error = toFsError(nodeError('EBUSY', "EBUSY: resource busy or locked, open '/x'\n    at stack"), '/x')
    expect(error.code).toBe('INTERNAL')
    expect(error.message).toBe('Could not access /x: resource busy or locked (EBUSY)')
  })

  it('maps SFTP status codes, keeping the server message for FAILURE', () => {
    expect(toFsError(sftpError(2, 'No such file'), '/a')).toMatchObject({ code: 'NOT_FOUND' })
    expect(toFsError(sftpError(3, 'Permission denied'), '/a')).toMatchObject({ code: 'PERMISSION_DENIED' })
    expect(toFsError(sftpError(8, 'Operation unsupported'), '/a')).toMatchObject({ code: 'UNSUPPORTED' })
    const failure = toFsError(sftpError(4, 'Disk on fire'), '/a')
    expect(failure.code).toBe('INTERNAL')
    expect(failure.message).toContain('Disk on fire')
    expect(toFsError(sftpError(21, 'Lock conflict'), '/a')).toMatchObject({ code: 'INTERNAL' })
  })

  it('maps message-only failures from ssh2', () => {
    expect(toFsError(new Error('No such file or directory'), '/a').code).toBe('NOT_FOUND')
    expect(toFsError(new Error('Permission denied'), '/a').code).toBe('PERMISSION_DENIED')
    expect(toFsError(new Error('No response from server'), '/a').code).toBe('DISCONNECTED')
    expect(toFsError('weird', '/a').code).toBe('INTERNAL')
  })

  it('passes a SkiffError through unchanged', () => {
    const original = new SkiffError('TIMEOUT', 'slow')
    expect(toFsError(original, '/a')).toBe(original)
  })
})
