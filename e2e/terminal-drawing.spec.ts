import { expect, test } from './fixtures/test'
import { connect } from './fixtures/sshd-session'
import type { Page } from '@playwright/test'
import { keepScreenshot } from './fixtures/screenshots'

// What a person sees of a terminal is checked as drawn (computed styles, cell geometry,
// screenshots), not through the accessibility tree: a blocked style sheet leaves the text
// right there while the screen shows a proportional font with no colours.

const screenSelector = '.terminal-view:not([hidden]) .xterm-rows'

/** Types into the shown terminal, Enter for each newline. */
async function type(page: Page, text: string): Promise<void> {
  await page.locator('.terminal-view:not([hidden])').getByRole('region', { name: 'Terminal' }).click()
  for (const [i, line] of text.split('\n').entries()) {
    if (i > 0) await page.keyboard.press('Enter')
    if (line) await page.keyboard.type(line)
  }
}

/** The drawn rows' text, trailing blanks cut. */
async function rows(page: Page): Promise<string[]> {
  return page.locator(`${screenSelector} > div`).evaluateAll((divs) => divs.map((div) => (div.textContent ?? '').replace(/\s+$/, '')))
}

async function expectRow(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
  const has = (row: string) => (typeof text === 'string' ? row === text : text.test(row))
  await expect.poll(async () => (await rows(page)).some(has), { timeout, message: `a drawn row ${String(text)}` }).toBe(true)
}

/** Keeps a screenshot of the terminal with the test's results. */
async function keepTerminalShot(page: Page, name: string): Promise<void> {
  await keepScreenshot(page.locator('.terminal-view:not([hidden])').getByRole('region', { name: 'Terminal' }), name)
}

test('the terminal draws in a monospace grid, with colours, reverse video and a cursor', async ({ skiff, sshd }) => {
  await connect(skiff, sshd)
  await skiff.page.getByRole('button', { name: 'Open terminal' }).click()
  await expectRow(skiff.page, /[#$]$/)
  await type(skiff.page, "clear; printf '%040dX\\n' 0; printf 'iiiiiiiiiiMMMMMMMMMM\\n'; printf 'a   b\\n'\n")
  await expectRow(skiff.page, `${'0'.repeat(40)}X`)
  await expectRow(skiff.page, 'a   b')

  const drawn = await skiff.page.evaluate((selector) => {
    const screen = document.querySelector<HTMLElement>(selector)!
    const rowDivs = Array.from(screen.children) as HTMLElement[]
    // The on-screen left edge of character `index` of a row, across the spans it is drawn in.
    const leftOf = (row: HTMLElement, index: number): number => {
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT)
      let seen = 0
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent?.length ?? 0
        if (index < seen + length) {
          const range = document.createRange()
          range.setStart(node, index - seen)
          range.setEnd(node, index - seen + 1)
          return range.getBoundingClientRect().left
        }
        seen += length
      }
      return Number.NaN
    }
    const rowWith = (text: string) => rowDivs.find((row) => (row.textContent ?? '').replace(/\s+$/, '') === text)!
    const zeros = rowWith(`${'0'.repeat(40)}X`)
    const widths = rowWith('iiiiiiiiiiMMMMMMMMMM')
    const spaced = rowWith('a   b')
    const style = getComputedStyle(screen)
    return {
      fontFamily: style.fontFamily,
      whiteSpace: style.whiteSpace,
      thinRun: leftOf(widths, 10) - leftOf(widths, 0),
      wideRun: leftOf(widths, 20 - 1) - leftOf(widths, 9),
      column40: leftOf(zeros, 40) - leftOf(zeros, 0),
      column1: leftOf(zeros, 1) - leftOf(zeros, 0),
      spacedGap: leftOf(spaced, 4) - leftOf(spaced, 0),
    }
  }, screenSelector)
  expect(drawn.fontFamily).toMatch(/mono/i)
  expect(drawn.whiteSpace).toBe('pre')
  // Every column is one cell wide: an `i` as wide as an `M`, column 40 forty cells along, three spaces three cells.
  expect(drawn.column1).toBeGreaterThan(4)
  expect(Math.abs(drawn.thinRun - drawn.wideRun)).toBeLessThan(0.5)
  expect(Math.abs(drawn.column40 - 40 * drawn.column1)).toBeLessThan(1)
  expect(Math.abs(drawn.spacedGap - 4 * drawn.column1)).toBeLessThan(0.5)

  await type(skiff.page, "clear; printf '\\033[31mRED\\033[0m \\033[44mBLUEBG\\033[0m \\033[7mREV\\033[0m \\033[38;2;255;128;0mTRUE\\033[0m\\n'\n")
  await expectRow(skiff.page, 'RED BLUEBG REV TRUE')
  const colours = await skiff.page.evaluate((selector) => {
    const screen = document.querySelector<HTMLElement>(selector)!
    const span = (text: string) => Array.from(screen.querySelectorAll('span')).find((element) => element.textContent === text)!
    const of = (text: string) => ({ color: getComputedStyle(span(text)).color, background: getComputedStyle(span(text)).backgroundColor })
    const cursor = screen.querySelector('.xterm-cursor')
    return { plain: getComputedStyle(screen).color, red: of('RED'), blue: of('BLUEBG'), reverse: of('REV'), truecolor: of('TRUE'), hasCursor: cursor !== null }
  }, screenSelector)
  const transparent = 'rgba(0, 0, 0, 0)'
  expect(colours.red.color).not.toBe(colours.plain)
  expect(colours.red.color).toMatch(/^rgb\((\d+), (\d+), (\d+)\)$/)
  expect(colours.blue.background).not.toBe(transparent)
  expect(colours.reverse.background).toBe(colours.plain)
  expect(colours.truecolor.color).toBe('rgb(255, 128, 0)')
  expect(colours.hasCursor).toBe(true)
  await keepTerminalShot(skiff.page, 'colours')
})

test('top and vim draw as full-screen programs do (screenshots kept)', async ({ skiff, sshd }) => {
  await connect(skiff, sshd)
  await skiff.page.getByRole('button', { name: 'Open terminal' }).click()
  await expectRow(skiff.page, /[#$]$/)
  await type(skiff.page, 'top -d 5\n')
  await expectRow(skiff.page, /PID\s+USER\s+PR/)
  const header = await skiff.page.evaluate((selector) => {
    const screen = document.querySelector<HTMLElement>(selector)!
    const row = Array.from(screen.children).find((div) => /PID\s+USER/.test(div.textContent ?? ''))!
    const span = Array.from(row.querySelectorAll('span')).find((element) => /PID/.test(element.textContent ?? ''))!
    return { background: getComputedStyle(span).backgroundColor, page: getComputedStyle(screen.closest('.xterm')!).backgroundColor }
  }, screenSelector)
  // top's column header is drawn in reverse video.
  expect(header.background).not.toBe('rgba(0, 0, 0, 0)')
  await keepTerminalShot(skiff.page, 'top')
  await skiff.page.keyboard.press('q')
  await expectRow(skiff.page, /[#$]$/)

  await type(skiff.page, "printf 'line one\\nline two\\n' > /tmp/skiff-vim-$$.txt; vim -N -u NONE -c 'set number laststatus=2' /tmp/skiff-vim-$$.txt\n")
  await expectRow(skiff.page, /^\s*1 line one$/)
  await expectRow(skiff.page, /^~$/)
  const vim = await skiff.page.evaluate((selector) => {
    const screen = document.querySelector<HTMLElement>(selector)!
    const divs = Array.from(screen.children) as HTMLElement[]
    const status = divs.find((div) => /skiff-vim-\d+\.txt/.test(div.textContent ?? '') && !/vim -N/.test(div.textContent ?? ''))
    const statusSpan = status ? Array.from(status.querySelectorAll('span')).find((span) => /skiff-vim/.test(span.textContent ?? '')) : undefined
    return { statusBackground: statusSpan ? getComputedStyle(statusSpan).backgroundColor : null }
  }, screenSelector)
  // The status line (laststatus=2) is drawn in reverse video.
  expect(vim.statusBackground).not.toBeNull()
  expect(vim.statusBackground).not.toBe('rgba(0, 0, 0, 0)')
  await keepTerminalShot(skiff.page, 'vim')
  await type(skiff.page, ':q!\n')
  await expectRow(skiff.page, /[#$]$/)
})
