import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { planImport, readSshConfig, type ConfigSource, type ExistingProfile, type ImportCandidate } from './ssh-config-import'

const home = join('/home', 'mia')
const sshDir = join(home, '.ssh')

function missing(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' })
}

/** A home folder holding `files` (paths relative to ~/.ssh, or absolute); `config` is the one read. */
function homeWith(files: Record<string, string>, options: { hasListDir?: boolean } = {}): ConfigSource {
  const texts = new Map(Object.entries(files).map(([name, text]) => [isAbsolute(name) ? name : join(sshDir, name), text]))
  const listDir = async (folder: string) => {
    const names = [...texts.keys()].filter((path) => dirname(path) === folder).map((path) => path.slice(folder.length + 1))
    if (names.length === 0) throw missing(folder)
    return names
  }
  return {
    path: join(sshDir, 'config'),
    homeDir: home,
    localUser: 'mia',
    readText: async (path) => {
      const text = texts.get(path)
      if (text === undefined) throw missing(path)
      return text
    },
    ...(options.hasListDir !== false && { listDir }),
  }
}

async function read(files: Record<string, string>, options?: { hasListDir?: boolean }) {
  return readSshConfig(homeWith(files, options))
}

async function aliases(files: Record<string, string>): Promise<string[]> {
  return (await read(files)).candidates.map(({ alias }) => alias)
}

describe('reading hosts from an SSH config', () => {
  it('offers each concrete host, with the wildcard block filling what it leaves unsaid', async () => {
    const { candidates, problems } = await read({
      config: `
Host web
  HostName web.example.org
  User deploy

Host db
  HostName 10.0.0.7
  Port 2200
  ProxyJump bastion

Host bastion
  ServerAliveInterval 30

Host *
  User mia-admin
  Port 2222
  IdentityFile ~/.ssh/id_ed25519
`,
    })
    expect(candidates).toEqual([
      { alias: 'web', host: 'web.example.org', port: 2222, username: 'deploy', identityFile: join(sshDir, 'id_ed25519') },
      { alias: 'db', host: '10.0.0.7', port: 2200, username: 'mia-admin', identityFile: join(sshDir, 'id_ed25519'), proxyJump: 'bastion' },
      { alias: 'bastion', host: 'bastion', port: 2222, username: 'mia-admin', identityFile: join(sshDir, 'id_ed25519'), keepaliveSeconds: 30 },
    ])
    expect(problems).toEqual([])
  })

  it('lets the first value win, as OpenSSH does, even from a wildcard block above', async () => {
    const { candidates } = await read({
      config: `
Host *.example.org
  User ops
Host api.example.org
  User someone-else
  Port 2022
Host *
  Port 22
`,
    })
    expect(candidates).toEqual([{ alias: 'api.example.org', host: 'api.example.org', username: 'ops', port: 2022 }])
  })

  it('applies settings above the first Host to every host, ahead of any Host block', async () => {
    const { candidates } = await read({ config: 'User everyone\nServerAliveInterval 60\nHost a\n  User alice\nHost b\n' })
    expect(candidates).toEqual([
      { alias: 'a', host: 'a', username: 'everyone', keepaliveSeconds: 60 },
      { alias: 'b', host: 'b', username: 'everyone', keepaliveSeconds: 60 },
    ])
  })

  it('offers every alias of a `Host a b` line, once, in the order they first appear', async () => {
    expect(await aliases({ config: 'Host prod staging\n  User app\nHost dev prod\nHost *.lan !nas.lan nas?\n' })).toEqual(['prod', 'staging', 'dev'])
    const { candidates } = await read({ config: 'Host prod staging\n  User app\n' })
    expect(candidates.map(({ username }) => username)).toEqual(['app', 'app'])
  })

  it('keeps a ProxyJump chain as written, and drops `none`', async () => {
    const { candidates } = await read({ config: 'Host deep\n  ProxyJump ops@gate.example.org:2222,inner\nHost direct\n  ProxyJump none\nHost *\n  ProxyJump gate\n' })
    expect(candidates.map(({ proxyJump }) => proxyJump)).toEqual(['ops@gate.example.org:2222,inner', undefined])
  })

  it('expands %h in HostName to the alias', async () => {
    const { candidates } = await read({ config: 'Host build\n  HostName %h.ci.example.org\n' })
    expect(candidates[0]?.host).toBe('build.ci.example.org')
  })
})

describe('IdentityFile', () => {
  it('expands ~ and the tokens OpenSSH fills in', async () => {
    const { candidates, problems } = await read({
      config: `
Host git
  HostName git.example.org
  User git
  IdentityFile ~/.ssh/keys/%r@%h
  IdentityFile ~/.ssh/second
Host box
  IdentityFile %d/keys/%u-%n_%p
`,
    })
    expect(candidates.map(({ identityFile }) => identityFile)).toEqual([
      join(sshDir, 'keys', 'git@git.example.org'),
      join(home, 'keys', 'mia-box_22'),
    ])
    expect(problems).toEqual([])
  })

  it('keeps a token Skiff cannot expand, and says so', async () => {
    const { candidates, problems } = await read({ config: 'Host h\n  IdentityFile ~/.ssh/id_%l\n' })
    expect(candidates[0]?.identityFile).toBe(join(sshDir, 'id_%l'))
    expect(problems).toEqual(['h: IdentityFile keeps %l, which Skiff cannot expand.'])
  })
})

describe('Include', () => {
  it('reads a relative path from ~/.ssh/, where the Include line stands', async () => {
    const { candidates } = await read({
      config: 'Include work.conf\nHost first\nHost *\n  User fallback\n',
      'work.conf': 'Host intranet\n  User staff\n',
    })
    expect(candidates).toEqual([
      { alias: 'intranet', host: 'intranet', username: 'staff' },
      { alias: 'first', host: 'first', username: 'fallback' },
    ])
  })

  it('expands config.d/* in name order, leaving dotfiles out', async () => {
    const config = {
      config: 'Include config.d/*\n',
      'config.d/20-lab': 'Host lab\n',
      'config.d/10-home': 'Host nas\n  Port 2022\n',
      'config.d/.swp': 'Host editor-junk\n',
      'other/ignored': 'Host elsewhere\n',
    }
    expect(await aliases(config)).toEqual(['nas', 'lab'])
    expect((await read(config)).candidates[0]).toEqual({ alias: 'nas', host: 'nas', port: 2022 })
  })

  it('reads ~ and absolute paths as written', async () => {
    expect(await aliases({ config: `Include ~/shared.conf ${join(home, 'team.conf')}\n`, [join(home, 'shared.conf')]: 'Host s\n', [join(home, 'team.conf')]: 'Host t\n' })).toEqual(['s', 't'])
  })

  it('returns to the enclosing settings after the included file, as OpenSSH does', async () => {
    const { candidates } = await read({
      config: 'Include hosts.conf\nUser after-include\nHost plain\n',
      'hosts.conf': 'Host included\n  Port 2201\n',
    })
    expect(candidates).toEqual([
      { alias: 'included', host: 'included', port: 2201, username: 'after-include' },
      { alias: 'plain', host: 'plain', username: 'after-include' },
    ])
  })

  it('applies an Include inside a Host block to that host only', async () => {
    const { candidates } = await read({
      config: 'Host work-*\n  Include work.conf\nHost home\n',
      'work.conf': 'User staff\nHost work-db\n  Port 5022\nHost personal\n',
    })
    // `personal` sits under `Host work-*`, which it can never match: OpenSSH could never use it.
    expect(candidates).toEqual([
      { alias: 'work-db', host: 'work-db', port: 5022, username: 'staff' },
      { alias: 'home', host: 'home' },
    ])
  })

  it('reports an Include that cannot be read, and imports the rest', async () => {
    const { candidates, problems } = await read({ config: 'Include gone.conf\nHost still-here\n' })
    expect(candidates.map(({ alias }) => alias)).toEqual(['still-here'])
    expect(problems).toEqual(['~/.ssh/config: Include gone.conf was not followed: No such file or folder: ~/.ssh/gone.conf.'])
  })

  it('reports a wildcard Include it cannot expand', async () => {
    const noListing = await read({ config: 'Include config.d/*\nHost h\n' }, { hasListDir: false })
    expect(noListing.candidates.map(({ alias }) => alias)).toEqual(['h'])
    expect(noListing.problems).toEqual(['~/.ssh/config: Include config.d/* was not followed: wildcards cannot be expanded here.'])
    const noFolder = await read({ config: 'Include nowhere.d/*\n' })
    expect(noFolder.problems).toEqual(['~/.ssh/config: Include nowhere.d/* was not followed: No such file or folder: ~/.ssh/nowhere.d.'])
    const deep = await read({ config: 'Include */config\n' })
    expect(deep.problems).toEqual(['~/.ssh/config: Include */config was not followed: Skiff expands wildcards only in the last part of the path.'])
  })

  it('stops an Include loop at once', async () => {
    const { candidates, problems } = await read({
      config: 'Include loop.conf\nHost top\n',
      'loop.conf': 'Host looped\nInclude config\n',
    })
    expect(candidates.map(({ alias }) => alias)).toEqual(['looped', 'top'])
    expect(problems).toEqual(['~/.ssh/loop.conf: Include config was not followed: ~/.ssh/config is already being read, so the Includes loop.'])
  })

  it('stops a chain of Includes 16 files deep', async () => {
    const files: Record<string, string> = { config: 'Include chain-1\n' }
    for (let depth = 1; depth <= 20; depth++) files[`chain-${depth}`] = `Include chain-${depth + 1}\nHost level-${depth}\n`
    const { candidates, problems } = await read(files)
    expect(candidates.map(({ alias }) => alias)).toEqual(Array.from({ length: 16 }, (_, index) => `level-${16 - index}`))
    expect(problems).toEqual(['~/.ssh/chain-16: Include chain-17 was not followed: Includes nest deeper than 16 files.'])
  })
})

describe('problems', () => {
  it('drops a bad Port or ServerAliveInterval, naming the host', async () => {
    const { candidates, problems } = await read({ config: 'Host a\n  Port 70000\nHost b\n  Port ssh\n  ServerAliveInterval soon\nHost c\n  Port 0\n' })
    expect(candidates).toEqual([
      { alias: 'a', host: 'a' },
      { alias: 'b', host: 'b' },
      { alias: 'c', host: 'c' },
    ])
    expect(problems).toEqual([
      'a: Port "70000" was ignored; it must be a number from 1 to 65535.',
      'b: Port "ssh" was ignored; it must be a number from 1 to 65535.',
      'b: ServerAliveInterval "soon" was ignored; it must be a whole number of seconds.',
      'c: Port "0" was ignored; it must be a number from 1 to 65535.',
    ])
  })

  it('skips Match blocks without running their commands', async () => {
    const marker = join(tmpdir(), `skiff-match-exec-${process.pid}`)
    const { candidates, problems } = await read({ config: `Host a\nMatch exec "touch ${marker}"\n  User from-match\nHost b\n` })
    expect(candidates).toEqual([
      { alias: 'a', host: 'a' },
      { alias: 'b', host: 'b' },
    ])
    expect(problems).toEqual(['~/.ssh/config: Match blocks were skipped; their settings were not imported.'])
    expect(existsSync(marker)).toBe(false)
  })

  it('says so when ProxyCommand is all there is to reach a host', async () => {
    const { problems } = await read({ config: 'Host old\n  ProxyCommand ssh -W %h:%p gate\nHost new\n  ProxyJump gate\n  ProxyCommand unused\n' })
    expect(problems).toEqual(['old: ProxyCommand is not supported; the profile connects directly.'])
  })

  it('reports a config it cannot read or parse, without throwing', async () => {
    expect(await read({})).toEqual({ candidates: [], problems: ['Could not read the SSH config: No such file or folder: ~/.ssh/config.'] })
    const broken = await read({ config: 'Host ok\nInclude broken.conf\n', 'broken.conf': 'Host "unclosed\n' })
    expect(broken.candidates.map(({ alias }) => alias)).toEqual(['ok'])
    expect(broken.problems).toHaveLength(1)
    expect(broken.problems[0]).toMatch(/^~\/\.ssh\/broken\.conf could not be read as an SSH config \(.+\); its hosts were not imported\.$/)
  })
})

describe('planning an import', () => {
  const defaults = { port: 22, username: 'mia' }
  const saved: ExistingProfile = { name: 'web', host: 'web.example.org', port: 22, username: 'mia' }

  it('creates a profile for a new alias', () => {
    const candidate: ImportCandidate = { alias: 'new-box', host: 'new-box' }
    expect(planImport([candidate], [saved], defaults)).toEqual([{ kind: 'create', candidate }])
  })

  it('skips a profile that already says the same, defaults filling in user and port', () => {
    const candidate: ImportCandidate = { alias: 'web', host: 'web.example.org' }
    expect(planImport([candidate], [saved], defaults)).toEqual([{ kind: 'skip', candidate, reason: 'already up to date' }])
  })

  it('updates a profile of the same name, naming each change', () => {
    const candidate: ImportCandidate = {
      alias: 'web',
      host: 'web2.example.org',
      port: 2222,
      username: 'deploy',
      identityFile: '/home/mia/.ssh/id_web',
      proxyJump: 'bastion',
      keepaliveSeconds: 30,
    }
    expect(planImport([candidate], [{ ...saved, keepaliveSeconds: 15 }], defaults)).toEqual([
      {
        kind: 'update',
        candidate,
        existingName: 'web',
        changes: [
          'host web.example.org → web2.example.org',
          'port 22 → 2222',
          'user mia → deploy',
          'key file none → /home/mia/.ssh/id_web',
          'proxy jump none → bastion',
          'keepalive 15 s → 30 s',
        ],
      },
    ])
  })

  it('compares a missing user and port as the defaults, and keeps settings the config does not state', () => {
    const existing: ExistingProfile = { ...saved, port: 2200, username: 'root', privateKeyPath: '/keys/web', proxyJump: 'gate', keepaliveSeconds: 5 }
    const candidate: ImportCandidate = { alias: 'web', host: 'web.example.org' }
    expect(planImport([candidate], [existing], defaults)).toEqual([
      { kind: 'update', candidate, existingName: 'web', changes: ['port 2200 → 22', 'user root → mia'] },
    ])
  })

  it('matches names exactly, case included', () => {
    const candidate: ImportCandidate = { alias: 'Web', host: 'web.example.org' }
    expect(planImport([candidate], [saved], defaults)).toEqual([{ kind: 'create', candidate }])
  })
})
