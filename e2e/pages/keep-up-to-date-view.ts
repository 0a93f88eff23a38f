import { expect, type Locator, type Page } from '@playwright/test'

/** The dialog `Keep up to date` (Ctrl+U in a pane) and the status line of a running watch. */
export class KeepUpToDateView {
  readonly dialog: Locator
  /** The line above Transfers: state, folders, last action, counts. */
  readonly status: Locator
  readonly stop: Locator

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Keep up to date' })
    this.status = page.getByRole('status', { name: 'Keep up to date' })
    this.stop = page.getByRole('region', { name: 'Keep up to date watches' }).getByRole('button', { name: 'Stop', exact: true })
  }

  field(name: 'Local folder' | 'Remote folder' | 'File mask' | 'Debounce (seconds)'): Locator {
    return this.dialog.getByRole('textbox', { name, exact: true })
  }

  option(name: 'Subfolders' | 'Leave out what .gitignore files ignore' | 'Synchronize first' | 'Delete extra files on the target'): Locator {
    return this.dialog.getByRole('checkbox', { name, exact: true })
  }

  button(name: 'Start' | 'Close'): Locator {
    return this.dialog.getByRole('button', { name, exact: true })
  }

  /** Presses Start and waits until the status line says it is watching. */
  async start(): Promise<void> {
    await this.button('Start').click()
    await expect(this.dialog).toBeHidden()
    await expect(this.status).toContainText('Watching')
  }

  /** The count of uploads the status line shows. */
  async uploadedCount(): Promise<number> {
    const text = (await this.status.textContent()) ?? ''
    return Number(/([\d,]+) uploaded/.exec(text)?.[1]?.replaceAll(',', '') ?? NaN)
  }

  /** Waits until the watch has uploaded `uploaded` files (and deleted `deleted`) and nothing waits. */
  async waitForCounts(uploaded: number, deleted = 0, timeout = 30_000): Promise<void> {
    const counts = `${uploaded.toLocaleString('en-US')} uploaded, ${deleted.toLocaleString('en-US')} deleted`
    await expect(this.status).toHaveText(new RegExp(`^Watching .*${counts}$`), { timeout })
  }
}
