import { basename, dirname, isAbsolute, join, normalize } from 'node:path'
import { glob, LineType, SSHConfig, type Directive, type Section } from 'ssh-config'
import type { ImportAction, ImportCandidate } from '../../shared/models/profile-import'
import { toFsError } from '../fs/fs-errors'

export type { ImportAction, ImportCandidate }

/** Where the config comes from; the file access is passed in, so tests read fixtures. */
export interface ConfigSource {
  /** The file to read, usually `~/.ssh/config`. */
  readonly path: string
  readonly homeDir: string
  readonly localUser: string
  readonly readText: (path: string) => Promise<string>
  /** Names in a folder, to expand an Include wildcard; without it only literal Include paths are read. */
  readonly listDir?: (path: string) => Promise<string[]>
}

/** A saved profile as far as an import compares it. */
export interface ExistingProfile {
  readonly name: string
  readonly host: string
  readonly port: number
  readonly username: string
  readonly privateKeyPath?: string
  readonly proxyJump?: string
  readonly keepaliveSeconds?: number
}

// OpenSSH's READCONF_MAX_DEPTH.
const maxIncludeDepth = 16
const patternCharacters = /[*?!]/
const wildcardCharacters = /[*?]/

/** Host patterns as ssh-config's `glob` takes them. */
type HostPatterns = string | string[]

/** A directive with the Host pattern lists that must all match for it to apply (outermost first). */
interface Setting {
  readonly conditions: readonly HostPatterns[]
  readonly directive: Directive
}

interface Reading {
  readonly source: ConfigSource
  readonly settings: Setting[]
  readonly aliases: { readonly alias: string; readonly conditions: readonly HostPatterns[] }[]
  readonly problems: string[]
}

function valuesOf(value: Directive['value']): string[] {
  return typeof value === 'string' ? [value] : value.map(({ val }) => val)
}

function isSection(line: Directive): line is Section {
  return /^(host|match)$/i.test(line.param)
}

/** `~` or `~/…` under the home folder; OpenSSH's `~user` form is left as written. */
function expandTilde(path: string, homeDir: string): string {
  return path === '~' || path.startsWith('~/') ? join(homeDir, path.slice(1)) : path
}

/** A path as problems show it, the home folder as `~`. */
function shown(path: string, homeDir: string): string {
  return path === homeDir || path.startsWith(join(homeDir, '/')) ? `~${path.slice(homeDir.length)}` : path
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n', 1)[0]?.trim().slice(0, 200) || 'unknown error'
}

/** The names in `folder` that a last-part wildcard matches, sorted and without dotfiles, as glob(3) gives them. */
async function expandWildcard(listDir: (path: string) => Promise<string[]>, folder: string, pattern: string): Promise<string[]> {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  const matcher = new RegExp(`^${escaped}$`)
  const names = await listDir(folder)
  const matches = names.filter((name) => matcher.test(name) && (!name.startsWith('.') || pattern.startsWith('.')))
  return matches.sort().map((name) => join(folder, name))
}

/** The files one Include argument names: relative to `~/.ssh/` (the rule for a user's config), a wildcard only in the last part. */
async function includedPaths(reading: Reading, written: string, from: string): Promise<string[]> {
  const { homeDir, listDir } = reading.source
  const expanded = expandTilde(written, homeDir)
  const path = normalize(isAbsolute(expanded) ? expanded : join(homeDir, '.ssh', expanded))
  if (!wildcardCharacters.test(path)) return [path]
  let why: string
  if (wildcardCharacters.test(dirname(path))) why = 'Skiff expands wildcards only in the last part of the path'
  else if (!listDir) why = 'wildcards cannot be expanded here'
  else {
    try {
      return await expandWildcard(listDir, dirname(path), basename(path))
    } catch (error) {
      why = toFsError(error, shown(dirname(path), homeDir)).message
    }
  }
  reading.problems.push(`${from}: Include ${written} was not followed: ${why}.`)
  return []
}

/** Follows an Include: the included lines take effect where the Include stands, under the same Host conditions. */
async function include(reading: Reading, line: Directive, conditions: readonly HostPatterns[], stack: readonly string[]): Promise<void> {
  const from = shown(stack[stack.length - 1] ?? '', reading.source.homeDir)
  for (const written of valuesOf(line.value)) {
    for (const path of await includedPaths(reading, written, from)) {
      const name = shown(path, reading.source.homeDir)
      if (stack.includes(path)) reading.problems.push(`${from}: Include ${written} was not followed: ${name} is already being read, so the Includes loop.`)
      else if (stack.length > maxIncludeDepth) reading.problems.push(`${from}: Include ${written} was not followed: Includes nest deeper than ${maxIncludeDepth} files.`)
      else await readConfigFile(reading, path, conditions, [...stack, path], `${from}: Include ${written} was not followed`)
    }
  }
}

async function take(reading: Reading, line: Directive, conditions: readonly HostPatterns[], stack: readonly string[]): Promise<void> {
  if (/^include$/i.test(line.param)) await include(reading, line, conditions, stack)
  else reading.settings.push({ conditions, directive: line })
}

async function parsedFile(reading: Reading, path: string, failure: string): Promise<SSHConfig | null> {
  const name = shown(path, reading.source.homeDir)
  let text: string
  try {
    text = await reading.source.readText(path)
  } catch (error) {
    reading.problems.push(`${failure}: ${toFsError(error, name).message}.`)
    return null
  }
  try {
    return SSHConfig.parse(text)
  } catch (error) {
    // ssh-config throws on an unclosed quote, a Match without its value, a bare `Host`.
    reading.problems.push(`${name} could not be read as an SSH config (${reasonOf(error)}); its hosts were not imported.`)
    return null
  }
}

/** Takes in one config file's lines; `failure` begins the problem when the file cannot be read. */
async function readConfigFile(
  reading: Reading,
  path: string,
  conditions: readonly HostPatterns[],
  stack: readonly string[],
  failure: string,
): Promise<void> {
  const config = await parsedFile(reading, path, failure)
  if (!config) return
  let hasMatch = false
  for (const line of config) {
    if (line.type !== LineType.DIRECTIVE) continue
    if (!isSection(line)) {
      await take(reading, line, conditions, stack)
    } else if (/^match$/i.test(line.param)) {
      // A Match block needs facts only a real connection has (and `exec` would run commands): its lines are left out.
      hasMatch = true
    } else {
      const patterns = valuesOf(line.value)
      for (const alias of patterns.filter((pattern) => !patternCharacters.test(pattern))) reading.aliases.push({ alias, conditions })
      for (const inner of line.config) {
        if (inner.type === LineType.DIRECTIVE) await take(reading, inner, [...conditions, patterns], stack)
      }
    }
  }
  if (hasMatch) reading.problems.push(`${shown(path, reading.source.homeDir)}: Match blocks were skipped; their settings were not imported.`)
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** OpenSSH's `%` tokens in `text`; an unknown token is kept as written and returned in `unknown`. */
function expandTokens(text: string, tokens: Readonly<Record<string, string>>): { text: string; unknown: string[] } {
  const unknown: string[] = []
  const expanded = text.replace(/%(.)/g, (token: string, letter: string) => {
    if (letter === '%') return '%'
    const value = tokens[letter]
    if (value === undefined) unknown.push(token)
    return value ?? token
  })
  return { text: expanded, unknown }
}

interface NumberRule {
  readonly name: string
  readonly max: number
  readonly min: number
  readonly expected: string
}

const portRule: NumberRule = { name: 'Port', min: 1, max: 65_535, expected: 'a number from 1 to 65535' }
const keepaliveRule: NumberRule = { name: 'ServerAliveInterval', min: 0, max: 999_999_999, expected: 'a whole number of seconds' }

/** A whole-number setting, or undefined (reported in `problems`, naming the alias) when it breaks `rule`. */
function wholeNumber(text: string | undefined, rule: NumberRule, alias: string, problems: string[]): number | undefined {
  if (text === undefined) return undefined
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN
  if (value >= rule.min && value <= rule.max) return value
  problems.push(`${alias}: ${rule.name} "${text}" was ignored; it must be ${rule.expected}.`)
  return undefined
}

/** The IdentityFile as a path: `~` first, then the tokens, as OpenSSH expands it. */
function identityFileFor(
  written: string | undefined,
  target: { readonly alias: string; readonly host: string; readonly port?: number; readonly username?: string },
  { source, problems }: Reading,
): string | undefined {
  if (written === undefined) return undefined
  const { alias, host, port, username } = target
  // OpenSSH logs in as the local user when no User is set, and %r says so too.
  const tokens = { d: source.homeDir, u: source.localUser, h: host, r: username ?? source.localUser, n: alias, p: String(port ?? 22) }
  const expanded = expandTokens(expandTilde(written, source.homeDir), tokens)
  if (expanded.unknown.length > 0) problems.push(`${alias}: IdentityFile keeps ${expanded.unknown.join(' ')}, which Skiff cannot expand.`)
  return expanded.text
}

/** What OpenSSH would use for `alias`: first obtained value wins, in file order (ssh-config's `compute`). */
function candidateFor(reading: Reading, alias: string): ImportCandidate {
  const { problems } = reading
  const applying = new SSHConfig()
  for (const { conditions, directive } of reading.settings) {
    if (conditions.every((patterns) => glob(patterns, alias))) applying.push(directive)
  }
  const values = applying.compute(alias, { ignoreCase: true, matchExec: false })
  const host = expandTokens(single(values.hostname) ?? alias, { h: alias }).text
  const port = wholeNumber(single(values.port), portRule, alias, problems)
  const keepaliveSeconds = wholeNumber(single(values.serveraliveinterval), keepaliveRule, alias, problems)
  const username = single(values.user)
  const proxyJump = single(values.proxyjump)
  if (values.proxycommand !== undefined && proxyJump === undefined) problems.push(`${alias}: ProxyCommand is not supported; the profile connects directly.`)
  const identityFile = identityFileFor(single(values.identityfile), { alias, host, port, username }, reading)
  return {
    alias,
    host,
    ...(port !== undefined && { port }),
    ...(username !== undefined && { username }),
    ...(identityFile !== undefined && { identityFile }),
    ...(proxyJump !== undefined && proxyJump !== 'none' && { proxyJump }),
    ...(keepaliveSeconds !== undefined && { keepaliveSeconds }),
  }
}

/**
 * The concrete Host aliases of an OpenSSH client config, in the order they first appear, each
 * with what OpenSSH would use for it. Includes are followed (`~/.ssh/`-relative, a wildcard in the
 * last part, 16 deep at most); Match blocks are skipped. Nothing throws: an unreadable file, a bad
 * value or a skipped block is a readable line in `problems`, and the rest is still imported.
 */
export async function readSshConfig(source: ConfigSource): Promise<{ candidates: ImportCandidate[]; problems: string[] }> {
  const reading: Reading = { source, settings: [], aliases: [], problems: [] }
  const path = normalize(source.path)
  await readConfigFile(reading, path, [], [path], 'Could not read the SSH config')
  const seen = new Set<string>()
  const candidates: ImportCandidate[] = []
  for (const { alias, conditions } of reading.aliases) {
    // An alias under an enclosing Host it does not match (through an Include) can never be reached.
    if (seen.has(alias) || !conditions.every((patterns) => glob(patterns, alias))) continue
    seen.add(alias)
    candidates.push(candidateFor(reading, alias))
  }
  return { candidates, problems: reading.problems }
}

function asText(value: string | number | undefined, unit = ''): string {
  return value === undefined ? 'none' : `${value}${unit}`
}

function changesFrom(existing: ExistingProfile, candidate: ImportCandidate, defaults: { readonly port: number; readonly username: string }): string[] {
  const changes: string[] = []
  const compare = (field: string, before: string | number | undefined, after: string | number | undefined, unit = '') => {
    if (before !== after) changes.push(`${field} ${asText(before, unit)} → ${asText(after, unit)}`)
  }
  compare('host', existing.host, candidate.host)
  compare('port', existing.port, candidate.port ?? defaults.port)
  compare('user', existing.username, candidate.username ?? defaults.username)
  // A setting the config does not state is left as the profile has it.
  if (candidate.identityFile !== undefined) compare('key file', existing.privateKeyPath, candidate.identityFile)
  if (candidate.proxyJump !== undefined) compare('proxy jump', existing.proxyJump, candidate.proxyJump)
  if (candidate.keepaliveSeconds !== undefined) compare('keepalive', existing.keepaliveSeconds, candidate.keepaliveSeconds, ' s')
  return changes
}

/**
 * What importing `candidates` would do to the saved profiles: a profile named exactly like the
 * alias is updated (each changed field named) or skipped when nothing differs; any other alias is
 * created. A candidate without User or Port takes `defaults`; its other unstated settings leave the
 * profile's as they are.
 */
export function planImport(
  candidates: readonly ImportCandidate[],
  existing: readonly ExistingProfile[],
  defaults: { readonly port: number; readonly username: string },
): ImportAction[] {
  const byName = new Map<string, ExistingProfile>()
  for (const profile of existing) if (!byName.has(profile.name)) byName.set(profile.name, profile)
  return candidates.map((candidate): ImportAction => {
    const profile = byName.get(candidate.alias)
    if (!profile) return { kind: 'create', candidate }
    const changes = changesFrom(profile, candidate, defaults)
    if (changes.length === 0) return { kind: 'skip', candidate, reason: 'already up to date' }
    return { kind: 'update', candidate, existingName: profile.name, changes }
  })
}
