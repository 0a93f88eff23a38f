import { readFile } from 'node:fs/promises'
import { utils } from 'ssh2'
import { SkiffError } from '../../shared/models/errors'

/** A private key ready for ssh2's publickey method. */
export interface LoadedKey {
  readonly key: Buffer
  readonly passphrase?: string
}

/** Asks the person for the passphrase of `path`; null when they cancel. */
export type AskPassphrase = (path: string) => Promise<string | null>

function parseError(data: Buffer, passphrase: string | undefined): Error | null {
  const parsed = utils.parseKey(data, passphrase)
  if (parsed instanceof Error) return parsed
  const key = Array.isArray(parsed) ? parsed[0] : parsed
  if (!key?.isPrivateKey()) return new Error('not a private key')
  return null
}

async function readKeyFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new SkiffError('NOT_FOUND', `The private key file ${path} does not exist.`)
    if (code === 'EACCES' || code === 'EPERM') throw new SkiffError('PERMISSION_DENIED', `Skiff may not read the private key file ${path}.`)
    throw new SkiffError('INVALID_REQUEST', `Skiff could not read the private key file ${path}.`)
  }
}

/**
 * Reads an OpenSSH or PEM private key and checks it opens, before connecting: a wrong
 * passphrase is BAD_PASSPHRASE here rather than a vague authentication failure later.
 * An encrypted key without a passphrase asks for one.
 */
export async function loadPrivateKey(path: string, passphrase: string | undefined, askPassphrase: AskPassphrase): Promise<LoadedKey> {
  const key = await readKeyFile(path)
  let tried = passphrase
  let problem = parseError(key, tried)
  if (problem && tried === undefined && /no passphrase given/i.test(problem.message)) {
    const answer = await askPassphrase(path)
    if (answer === null) throw new SkiffError('CANCELLED', `No passphrase was given for ${path}.`)
    tried = answer
    problem = parseError(key, tried)
  }
  if (!problem) return tried === undefined ? { key } : { key, passphrase: tried }
  if (/passphrase/i.test(problem.message)) throw new SkiffError('BAD_PASSPHRASE', `The passphrase for the private key ${path} is wrong.`)
  throw new SkiffError('INVALID_REQUEST', `${path} is not a private key Skiff can read (OpenSSH or PEM format).`)
}
