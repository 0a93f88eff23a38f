import { describe, expect, it } from 'vitest'
import { afterListing, emptyHistory, maxRecent, parseHistory, recentFolders, withoutStep, type HistoryStep, type NavHistory } from './nav-history'

function walk(...steps: readonly (readonly [HistoryStep, string])[]): NavHistory {
  return steps.reduce((history, [step, path]) => afterListing(history, step, path), emptyHistory)
}

describe('navigation history', () => {
  it('Back and Forward walk through the folders visited, as in a browser', () => {
    const three = walk(['visit', '/home'], ['visit', '/home/a'], ['visit', '/home/a/b'])
    expect(three).toMatchObject({ back: ['/home', '/home/a'], current: '/home/a/b', forward: [] })
    const back = afterListing(three, 'back', '/home/a')
    expect(back).toMatchObject({ back: ['/home'], current: '/home/a', forward: ['/home/a/b'] })
    const twice = afterListing(back, 'back', '/home')
    expect(twice).toMatchObject({ back: [], current: '/home', forward: ['/home/a', '/home/a/b'] })
    expect(afterListing(twice, 'forward', '/home/a')).toMatchObject({ back: ['/home'], current: '/home/a', forward: ['/home/a/b'] })
  })

  it('visiting a new folder after going back drops what was ahead', () => {
    const history = walk(['visit', '/a'], ['visit', '/b'], ['visit', '/c'], ['back', '/b'], ['visit', '/d'])
    expect(history).toMatchObject({ back: ['/a', '/b'], current: '/d', forward: [] })
  })

  it('listing the folder shown again (a refresh) changes nothing', () => {
    const history = walk(['visit', '/a'], ['visit', '/b'], ['back', '/a'])
    expect(afterListing(history, 'visit', '/a')).toBe(history)
  })

  it('Back with nothing behind, or Forward with nothing ahead, counts as a visit', () => {
    expect(walk(['visit', '/a'], ['back', '/b'])).toMatchObject({ back: ['/a'], current: '/b', forward: [] })
    expect(walk(['visit', '/a'], ['forward', '/b'])).toMatchObject({ back: ['/a'], current: '/b', forward: [] })
  })

  it('a folder that is gone drops out, so the next Back or Forward goes past it', () => {
    const history = walk(['visit', '/a'], ['visit', '/gone'], ['visit', '/c'], ['back', '/gone'], ['back', '/a'])
    expect(withoutStep(history, 'forward')).toMatchObject({ back: [], current: '/a', forward: ['/c'] })
    expect(withoutStep(walk(['visit', '/a'], ['visit', '/gone'], ['visit', '/c']), 'back')).toMatchObject({ back: ['/a'], current: '/c' })
  })

  it('recent folders come newest first, each once, without the one shown, at most twenty', () => {
    const history = walk(['visit', '/a'], ['visit', '/b'], ['visit', '/a'], ['visit', '/c'])
    expect(recentFolders(history)).toEqual(['/a', '/b'])
    const many = Array.from({ length: 30 }, (_, i): [HistoryStep, string] => ['visit', `/f${i}`])
    const long = walk(...many)
    expect(long.recent).toHaveLength(maxRecent)
    expect(recentFolders(long)[0]).toBe('/f28')
  })

  it('reads back only what has the shape of a history', () => {
    const history = walk(['visit', '/a'], ['visit', '/b'])
    expect(parseHistory(JSON.parse(JSON.stringify(history)))).toEqual(history)
    expect(parseHistory({ back: '/a', current: null, forward: [], recent: [] })).toBeNull()
    expect(parseHistory({ back: [], current: 3, forward: [], recent: [] })).toBeNull()
    expect(parseHistory(null)).toBeNull()
  })
})
