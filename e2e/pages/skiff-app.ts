import { expect, type Locator, type Page } from '@playwright/test'

/** Credentials for the quick connect bar. */
export interface QuickConnect {
  readonly host: string
  readonly port: number
  readonly user: string
  readonly password?: string
  readonly keyFile?: string
}

/** One pane (Local or Remote) by its accessible names. */
export class PaneView {
  readonly region: Locator
  readonly grid: Locator
  readonly path: Locator
  readonly filter: Locator
  /** The summary line under the grid: `12 items, 3 identical hidden`. */
  readonly footer: Locator

  constructor(page: Page, side: 'Local' | 'Remote') {
    this.region = page.getByRole('region', { name: side, exact: true })
    this.grid = this.region.getByRole('grid', { name: `${side} files` })
    this.path = this.region.getByRole('textbox', { name: 'Path' })
    this.filter = this.region.getByRole('textbox', { name: 'Filter' })
    this.footer = this.region.locator('.pane-footer')
  }

  /** The pane's button `name`. */
  button(name: string): Locator {
    return this.region.getByRole('button', { name, exact: true })
  }

  /** Presses the pane's drop-down button `name` (`Bookmarks`, `Recent folders`) and returns its menu, open. */
  async openMenu(name: string): Promise<Locator> {
    await this.button(name).click()
    const menu = this.region.page().getByRole('menu', { name, exact: true })
    await expect(menu).toBeVisible()
    return menu
  }

  /** The row whose name cell is exactly `name`. */
  row(name: string): Locator {
    return this.grid.getByRole('row').filter({ has: this.grid.page().getByRole('gridcell', { name, exact: true }) })
  }

  async open(name: string): Promise<void> {
    await this.row(name).dblclick()
  }

  /** The word the `Compare` column shows for the row `name` while the folders are compared. */
  compareWord(name: string): Locator {
    return this.row(name).locator('.cell-compare')
  }

  async up(): Promise<void> {
    await this.region.getByRole('button', { name: 'Up' }).click()
  }

  async refresh(): Promise<void> {
    await this.region.getByRole('button', { name: 'Refresh' }).click()
  }

  /** Types a path and presses Enter; waits for its rows when the path is already canonical. */
  async goTo(path: string): Promise<void> {
    await this.path.fill(path)
    await this.path.press('Enter')
    if (/^\/(?!.*(\/\.\.?(\/|$)|\/$))/.test(path)) await expect(this.grid).toHaveAttribute('data-folder', path)
  }
}

/** The transfer queue region. */
export class TransfersView {
  readonly region: Locator

  constructor(page: Page) {
    this.region = page.getByRole('region', { name: 'Transfers' })
  }

  /** The job whose name is exactly `name`. */
  item(name: string): Locator {
    return this.region.getByRole('listitem', { name, exact: true })
  }

  /** Waits until the job shows `word` (`Done`, `Failed`, …). */
  async waitFor(name: string, word: string, timeout = 30_000): Promise<void> {
    await expect(this.item(name).locator('.transfer-state')).toHaveText(word, { timeout })
  }
}

/** The dialog `Find files` (Alt+F7) and its results. */
export class FindView {
  readonly dialog: Locator
  readonly mask: Locator
  readonly searchIn: Locator
  readonly results: Locator
  readonly status: Locator

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Find files' })
    this.mask = this.dialog.getByRole('textbox', { name: 'File mask' })
    this.searchIn = this.dialog.getByRole('textbox', { name: 'Search in' })
    this.results = this.dialog.getByRole('grid', { name: 'Find results' })
    this.status = this.dialog.getByRole('status', { name: 'Find status' })
  }

  button(name: 'Start' | 'Stop' | 'Go to' | 'Download' | 'Upload' | 'Delete…' | 'Close'): Locator {
    return this.dialog.getByRole('button', { name, exact: true })
  }

  /** The result row whose name cell is exactly `name` (control characters as the grid shows them: `\n`). */
  row(name: string): Locator {
    return this.results.getByRole('row').filter({ has: this.results.page().getByRole('gridcell', { name, exact: true }) })
  }

  /** The names of the result rows, in list order. */
  async names(): Promise<string[]> {
    return this.results.locator('.grid-body .cell-name').allTextContents()
  }

  /** Types the mask, presses Start, and waits until the status says the search ended. */
  async search(mask: string): Promise<void> {
    await this.mask.fill(mask)
    await this.button('Start').click()
    await expect(this.status).toContainText(/^(Done|Stopped)/)
  }
}

/** The dialog `Synchronize` (Ctrl+S in a pane) and its preview. */
export class SyncView {
  readonly dialog: Locator
  readonly preview: Locator
  readonly status: Locator

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Synchronize' })
    this.preview = this.dialog.getByRole('grid', { name: 'Synchronize preview' })
    this.status = this.dialog.getByRole('status', { name: 'Synchronize status' })
  }

  field(name: 'Local folder' | 'Remote folder' | 'File mask'): Locator {
    return this.dialog.getByRole('textbox', { name, exact: true })
  }

  option(name: string): Locator {
    return this.dialog.getByRole(/^(Upload|Download|Both|Update|Mirror)$/.test(name) ? 'radio' : 'checkbox', { name, exact: true })
  }

  button(name: 'Preview' | 'Start' | 'Close' | 'Change options'): Locator {
    return this.dialog.getByRole('button', { name, exact: true })
  }

  /** The preview row of `path` (relative, `/`-separated, as the grid shows it). */
  row(path: string): Locator {
    return this.preview.getByRole('row').filter({ has: this.preview.page().getByRole('gridcell', { name: path, exact: true }) })
  }

  /** The choice of a conflict row (`Skip`, or which side's version to keep). */
  conflict(path: string): Locator {
    return this.row(path).getByRole('combobox', { name: `Resolve conflict ${path}`, exact: true })
  }

  /** Every row as `Action path` (a conflict as `Conflict path`), in grid order (the grid is virtualized: fine for short previews). */
  async actions(): Promise<string[]> {
    const rows = this.preview.locator('.grid-body [role="row"]')
    const count = await rows.count()
    const lines: string[] = []
    for (let i = 0; i < count; i++) {
      const isConflict = (await rows.nth(i).getByRole('combobox').count()) > 0
      const action = isConflict ? 'Conflict' : await rows.nth(i).locator('.cell-action').textContent()
      lines.push(`${action} ${await rows.nth(i).locator('.cell-path').textContent()}`)
    }
    return lines
  }

  /** Presses Preview and waits for the totals (or a failure). */
  async runPreview(): Promise<void> {
    await this.button('Preview').click()
    await expect(this.button('Change options').or(this.dialog.getByRole('alert'))).toBeVisible()
    await expect(this.status).not.toContainText('Comparing')
  }
}

/** The `Compare` bar that Compare folders (Shift+F2) shows above the panes. */
export class CompareView {
  readonly bar: Locator
  readonly hideIdentical: Locator
  readonly subfolders: Locator
  readonly checksum: Locator
  /** What the bar says of the comparison inside folders and of checksums. */
  readonly status: Locator
  readonly stop: Locator

  constructor(page: Page) {
    this.bar = page.getByRole('toolbar', { name: 'Compare', exact: true })
    this.hideIdentical = this.bar.getByRole('checkbox', { name: 'Hide identical' })
    this.subfolders = this.bar.getByRole('checkbox', { name: 'Subfolders' })
    this.checksum = this.bar.getByRole('checkbox', { name: 'Checksum (SHA-256)' })
    this.status = this.bar.getByRole('status')
    this.stop = this.bar.getByRole('button', { name: 'Stop comparing' })
  }
}

/** The terminal tab shown, and its screen (region `Terminal`). */
export class TerminalView {
  readonly screen: Locator

  constructor(readonly page: Page) {
    this.screen = page.locator('.terminal-view:not([hidden])').getByRole('region', { name: 'Terminal' })
  }

  /** Clicks into the screen and types `text` (with Enter for each newline). */
  async type(text: string): Promise<void> {
    await this.screen.click()
    for (const [i, line] of text.split('\n').entries()) {
      if (i > 0) await this.page.keyboard.press('Enter')
      if (line) await this.page.keyboard.type(line)
    }
  }

  /** The screen's rows as text (from its accessibility tree: Settings → Screen reader mode). */
  async lines(): Promise<string[]> {
    const rows = await this.screen.locator('.xterm-accessibility-tree > [role="listitem"]').allTextContents()
    return rows.map((row) => row.replace(/\s+$/, ''))
  }

  /** Waits until some row contains `text` (or a row matches the pattern). */
  async expectText(text: string | RegExp, timeout = 15_000): Promise<void> {
    const has = (line: string) => (typeof text === 'string' ? line.includes(text) : text.test(line))
    await expect.poll(async () => (await this.lines()).some(has), { timeout, message: `a terminal row with ${String(text)}` }).toBe(true)
  }
}

/** The whole window, driven the way a person would. */
export class SkiffApp {
  readonly local: PaneView
  readonly remote: PaneView
  readonly hostKeyDialog: Locator
  readonly hostKeyChanged: Locator
  readonly transfers: TransfersView
  readonly fileExists: Locator
  readonly moveDialog: Locator
  readonly terminal: TerminalView
  readonly find: FindView
  readonly sync: SyncView
  readonly compare: CompareView

  constructor(readonly page: Page) {
    this.sync = new SyncView(page)
    this.compare = new CompareView(page)
    this.find = new FindView(page)
    this.terminal = new TerminalView(page)
    this.transfers = new TransfersView(page)
    this.fileExists = page.getByRole('dialog', { name: 'File exists' })
    this.moveDialog = page.getByRole('dialog', { name: 'Move' })
    this.local = new PaneView(page, 'Local')
    this.remote = new PaneView(page, 'Remote')
    this.hostKeyDialog = page.getByRole('dialog', { name: 'Unknown host key' })
    this.hostKeyChanged = page.getByRole('alertdialog', { name: 'Host key changed' })
  }

  /** Fills the quick connect bar and presses Connect. */
  async quickConnect(target: QuickConnect): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Quick connect' })
    await form.getByRole('textbox', { name: 'Host', exact: true }).fill(target.host)
    await form.getByRole('textbox', { name: 'Port', exact: true }).fill(String(target.port))
    await form.getByRole('textbox', { name: 'User', exact: true }).fill(target.user)
    await form.getByRole('textbox', { name: 'Password', exact: true }).fill(target.password ?? '')
    await form.getByRole('textbox', { name: 'Private key file', exact: true }).fill(target.keyFile ?? '')
    await form.getByRole('button', { name: 'Connect', exact: true }).click()
  }

  /** Answers the `Unknown host key` dialog after checking it shows `fingerprint`. */
  async trustHostKey(fingerprint: string, choice: 'Trust and save' | 'Trust once' = 'Trust and save'): Promise<void> {
    await expect(this.hostKeyDialog).toBeVisible()
    await expect(this.hostKeyDialog).toContainText(fingerprint)
    await this.hostKeyDialog.getByRole('button', { name: choice }).click()
    await expect(this.hostKeyDialog).toBeHidden()
  }

  /** Turns on Settings → Screen reader mode, so a terminal's text is in the page (tests read it there). */
  async enableScreenReaderMode(): Promise<void> {
    await this.page.getByRole('button', { name: 'Settings', exact: true }).click()
    const dialog = this.page.getByRole('dialog', { name: 'Settings' })
    await dialog.getByRole('checkbox', { name: 'Screen reader mode' }).check()
    await dialog.getByRole('button', { name: 'Done' }).click()
  }

  alert(): Locator {
    return this.page.getByRole('alert')
  }

  statusBar(): Locator {
    return this.page.getByRole('status')
  }
}
