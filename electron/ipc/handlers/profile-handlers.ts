import type { Handlers } from '../../../shared/ipc/rpc-server'
import type { ProfileService } from '../../profiles/profile-service'

type ProfileChannels =
  | 'profiles.list'
  | 'profiles.save'
  | 'profiles.delete'
  | 'profiles.duplicate'
  | 'profiles.move'
  | 'profiles.setBookmarks'
  | 'profiles.connect'
  | 'profiles.importPreview'
  | 'profiles.importConfig'
  | 'profiles.exportJson'
  | 'profiles.importJson'
  | 'secrets.state'
  | 'secrets.setMaster'
  | 'secrets.unlock'
  | 'secrets.reset'

/** `profiles.*` and `secrets.*`: saved hosts, their remembered secrets, connecting with them. */
export function profileHandlers(profiles: ProfileService): Pick<Handlers, ProfileChannels> {
  return {
    'profiles.list': async () => profiles.list(),
    'profiles.save': (req) => profiles.save(req),
    'profiles.delete': async (req) => {
      await profiles.remove(req.profileId)
      return null
    },
    'profiles.duplicate': (req) => profiles.duplicate(req.profileId),
    'profiles.move': (req) => profiles.move(req.profileId, req.folder),
    'profiles.setBookmarks': (req) => profiles.setBookmarks(req.profileId, req.bookmarks),
    'profiles.connect': (req, ctx) => profiles.connect(req.profileId, ctx, req.secret),
    'profiles.importPreview': (req) => profiles.importPreview(req.path),
    'profiles.importConfig': (req) => profiles.importConfig(req.path, req.aliases),
    'profiles.exportJson': async () => ({ text: profiles.exportJson() }),
    'profiles.importJson': (req) => profiles.importJson(req.text),
    'secrets.state': async () => profiles.secretsState(),
    'secrets.setMaster': (req) => profiles.setMasterPassword(req.password),
    'secrets.unlock': (req) => profiles.unlock(req.password),
    'secrets.reset': () => profiles.resetSecrets(),
  }
}
