import { describe, expect, it } from 'vitest'
import { SkiffError } from '../../shared/models/errors'
import { connectError } from './connect-errors'

const target = 'ada@files.example.com:2222'

/** What Node's net module or ssh2 hands over; built by hand, so no name is ever looked up. */
function socketError(code: string, message = `connect ${code} 203.0.113.7:2222`): Error {
  return Object.assign(new Error(message), { code, level: 'client-socket' })
}

describe('connectError', () => {
  it.each([
    ['ECONNREFUSED', 'CONNECT_FAILED', `Connection refused by ${target}. Is an SSH server listening on that port?`],
    ['ENOTFOUND', 'CONNECT_FAILED', `Host not found: ${target}. Check the host name.`],
    ['EAI_AGAIN', 'CONNECT_FAILED', `Could not look up ${target}: name resolution failed. Check the network.`],
    ['EHOSTUNREACH', 'CONNECT_FAILED', `${target} is unreachable from this machine.`],
    ['ENETUNREACH', 'CONNECT_FAILED', `${target} is unreachable: no route to its network.`],
    ['ECONNRESET', 'CONNECT_FAILED', `${target} reset the connection unexpectedly.`],
    ['ETIMEDOUT', 'TIMEOUT', `Timed out connecting to ${target}.`],
    ['EADDRNOTAVAIL', 'CONNECT_FAILED', `Cannot connect to ${target}: the address is not available.`],
  ])('maps %s to %s with a readable message', (code, expectedCode, message) => {
    const error = connectError(socketError(code), target)
    expect(error).toBeInstanceOf(SkiffError)
    expect(error.toInfo()).toEqual({ code: expectedCode, message })
  })

  it('maps ssh2 timeouts to TIMEOUT', () => {
    const error = connectError(Object.assign(new Error('Timed out while waiting for handshake'), { level: 'client-timeout' }), target)
    expect(error.toInfo()).toEqual({ code: 'TIMEOUT', message: `Timed out waiting for ${target} to answer.` })
  })

  it('explains a failed algorithm negotiation', () => {
    const cause = Object.assign(new Error('Handshake failed: no matching host key format'), { level: 'handshake' })
    expect(connectError(cause, target).toInfo()).toEqual({
      code: 'CONNECT_FAILED',
      message: `Could not agree on encryption with ${target}: Handshake failed: no matching host key format.`,
    })
  })

  it('passes a SkiffError through untouched', () => {
    const original = new SkiffError('HOST_KEY_CHANGED', 'The host key changed.')
    expect(connectError(original, target)).toBe(original)
  })

  it('keeps the detail of anything else, and copes with values that are not errors', () => {
    expect(connectError(new Error('Unsupported protocol version'), target).toInfo()).toEqual({
      code: 'CONNECT_FAILED',
      message: `The connection to ${target} failed (Unsupported protocol version).`,
    })
    const plain = { code: 'CONNECT_FAILED', message: `The connection to ${target} failed.` }
    expect(connectError(undefined, target).toInfo()).toEqual(plain)
    expect(connectError('boom', target).toInfo()).toEqual(plain)
    expect(connectError(socketError('EWHATEVER', ''), target).toInfo()).toEqual(plain)
  })

  it('ignores a numeric code (ssh2 uses SSH disconnect reasons) rather than mistaking it for a socket code', () => {
    const error = Object.assign(new Error('Too many authentication failures'), { code: 2, level: 'protocol' })
    expect(connectError(error, target).toInfo()).toEqual({
      code: 'CONNECT_FAILED',
      message: `The connection to ${target} failed (Too many authentication failures).`,
    })
  })
})
