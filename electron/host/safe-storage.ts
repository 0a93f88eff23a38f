import { safeStorage } from 'electron'
import type { OsSealer } from '../profiles/profile-secrets'

/**
 * Electron's safeStorage as a sealer, where the OS really encrypts: on Linux without a keyring
 * it falls back to a hard-coded key ('basic_text'), which is no protection, so Skiff asks for a
 * master password there instead.
 */
export function osSealer(): OsSealer | null {
  if (!safeStorage.isEncryptionAvailable()) return null
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null
  return {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  }
}
