import { isSkiffError, type ErrorInfo } from '../../shared/models/errors'

/**
 * The last line before the wire: known failures keep their code and message, anything else
 * becomes INTERNAL with a plain sentence (the detail goes to the host's log, not the UI).
 */
export function mapError(error: unknown): ErrorInfo {
  if (isSkiffError(error)) return { code: error.code, message: error.message, ...(error.hostKeyChange ? { hostKeyChange: error.hostKeyChange } : {}) }
  console.error('Unexpected failure in a request handler:', error)
  return { code: 'INTERNAL', message: 'Something went wrong inside Skiff. The details are in its log.' }
}
