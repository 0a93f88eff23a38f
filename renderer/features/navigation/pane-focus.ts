/** The grid of the pane `inside` belongs to: where the pane's buttons give the focus back. */
export function paneGridOf(inside: Element): HTMLElement | null {
  return inside.closest('.pane')?.querySelector<HTMLElement>('[role="grid"]') ?? null
}

/** The Filter box of the pane `inside` belongs to. */
export function paneFilterOf(inside: Element): HTMLInputElement | null {
  return inside.closest('.pane')?.querySelector<HTMLInputElement>('input.filter-box') ?? null
}
