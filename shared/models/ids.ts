declare const brand: unique symbol

/** A string that the type system keeps apart from other ids of a different kind. */
export type Brand<T, B extends string> = T & { readonly [brand]: B }

/** One live (or dropped, reconnectable) SSH connection, minted by the main process. */
export type SessionId = Brand<string, 'SessionId'>

/** One pending question to the user (host key, keyboard-interactive), minted by the main process. */
export type PromptId = Brand<string, 'PromptId'>

/** One job in the transfer queue (reserved for the transfer queue). */
export type TransferId = Brand<string, 'TransferId'>

/** One terminal channel (reserved for terminal tabs). */
export type TerminalId = Brand<string, 'TerminalId'>

/** One saved host profile, minted by the main process. */
export type ProfileId = Brand<string, 'ProfileId'>

/** One running search (Find files), minted by the main process. */
export type FindId = Brand<string, 'FindId'>

/** One Compare folders run in the main process, named by the client that asked (its progress events carry it). */
export type CompareId = Brand<string, 'CompareId'>

/** One synchronization preview, kept in the main process until it is started or discarded. */
export type SyncPreviewId = Brand<string, 'SyncPreviewId'>

/** One `Keep up to date` watch of a local folder, minted by the main process. */
export type WatchId = Brand<string, 'WatchId'>
