import type { ProfileId, PromptId, SessionId } from './ids'
import type { ProfileColor } from './profile'

/** Where a connection goes and how it proves who it is. Secrets live only in main-process memory. */
export interface ConnectRequest {
  readonly host: string
  /** 1–65535; 22 when absent. */
  readonly port?: number
  readonly username: string
  readonly password?: string
  /** Path on this machine to an OpenSSH or PEM private key. */
  readonly privateKeyPath?: string
  readonly passphrase?: string
  /** Try the ssh-agent at SSH_AUTH_SOCK; default true when the variable is set. */
  readonly useAgent?: boolean
  /** Offer keyboard-interactive (answers asked through a prompt); default true. */
  readonly tryKeyboardInteractive?: boolean
  /** Seconds between keepalives (3 unanswered drop the session); 15 when absent. */
  readonly keepaliveSeconds?: number
  /**
   * Jump hosts to go through, outermost first (ProxyJump `a,b`): each is connected to and
   * verified like a direct connection, and the next one is reached through it.
   */
  readonly jumps?: readonly Omit<ConnectRequest, 'jumps'>[]
}

/** Lifecycle of one session. */
export type SessionState = 'connecting' | 'connected' | 'disconnected'

/** A server host key, as shown to people. */
export interface HostKeyInfo {
  /** e.g. `ssh-ed25519`, `ecdsa-sha2-nistp256`, `rsa-sha2-512` is reported as `ssh-rsa`. */
  readonly type: string
  /** `SHA256:` followed by unpadded base64, exactly as `ssh-keygen -l` prints it. */
  readonly fingerprint: string
}

/** What the UI knows about one session. */
export interface SessionInfo {
  readonly sessionId: SessionId
  readonly host: string
  readonly port: number
  readonly username: string
  readonly state: SessionState
  /** The negotiated cipher (client to server), e.g. `aes128-gcm@openssh.com`. */
  readonly cipher?: string
  /** The server's identification string, e.g. `SSH-2.0-OpenSSH_9.2p1`. */
  readonly serverIdent?: string
  readonly hostKey?: HostKeyInfo
  /** The remote home directory (realpath of `.`). */
  readonly homePath?: string
  /** Why the session is `disconnected`, readable. */
  readonly reason?: string
  /** The jump hosts it goes through, outermost first, as `user@host:port`. */
  readonly via?: readonly string[]
  /** The saved host profile it was opened from: its tab is named and coloured after it. */
  readonly profile?: SessionProfile
}

/** The profile a session was opened from, as its tab shows it. */
export interface SessionProfile {
  readonly profileId: ProfileId
  readonly name: string
  readonly color: ProfileColor
}

/** How the user answered an unknown host key. */
export type HostKeyDecision = 'trust-save' | 'trust-once' | 'reject'

/** A question the main process needs a person to answer before a connect can go on. */
export type Prompt =
  | {
      readonly promptId: PromptId
      readonly kind: 'host-key'
      readonly host: string
      readonly port: number
      readonly key: HostKeyInfo
      /**
       * `unknown`: nothing known for this host. `other-type`: the host is known with a key of
       * another type, so this may be a different server: shown as a warning.
       */
      readonly knownAs: 'unknown' | 'other-type'
      /** Types of the keys already known for this host (for `other-type`). */
      readonly knownTypes: readonly string[]
    }
  | {
      readonly promptId: PromptId
      readonly kind: 'keyboard-interactive'
      readonly host: string
      readonly port: number
      readonly name: string
      readonly instructions: string
      readonly questions: readonly { readonly text: string; readonly echo: boolean }[]
    }

/** The answer to a {@link Prompt}; `null` responses cancel a keyboard-interactive round. */
export type PromptAnswer =
  | { readonly kind: 'host-key'; readonly decision: HostKeyDecision }
  | { readonly kind: 'keyboard-interactive'; readonly responses: readonly string[] | null }
