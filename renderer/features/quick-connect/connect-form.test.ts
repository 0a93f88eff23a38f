import { describe, expect, it } from 'vitest'
import { emptyConnectForm, toConnectRequest } from './connect-form'

describe('toConnectRequest', () => {
  it('builds a request and leaves empty optional fields out', () => {
    const result = toConnectRequest({ ...emptyConnectForm, host: ' example.org ', user: 'alice', keyFile: '/k/id' })
    expect(result).toEqual({ ok: true, request: { host: 'example.org', port: 22, username: 'alice', privateKeyPath: '/k/id' } })
  })

  it('keeps the password as typed', () => {
    const result = toConnectRequest({ ...emptyConnectForm, host: 'h', user: 'u', port: '2222', password: ' secret ' })
    expect(result).toEqual({ ok: true, request: { host: 'h', port: 2222, username: 'u', password: ' secret ' } })
  })

  it('explains what is missing or wrong', () => {
    expect(toConnectRequest(emptyConnectForm)).toEqual({ ok: false, message: 'Host is required.' })
    expect(toConnectRequest({ ...emptyConnectForm, host: 'h' })).toEqual({ ok: false, message: 'User is required.' })
    expect(toConnectRequest({ ...emptyConnectForm, host: 'h', user: 'u', port: '70000' }).ok).toBe(false)
    expect(toConnectRequest({ ...emptyConnectForm, host: 'h', user: 'u', port: '22x' }).ok).toBe(false)
  })
})
