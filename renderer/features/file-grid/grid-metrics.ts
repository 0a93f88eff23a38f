/** Height of one grid row in CSS pixels; file-grid.css uses the same value (--row-height). */
export const gridRowHeight = 24

/** Rows rendered beyond the visible ones, so fast scrolling shows no gaps. */
export const gridOverscan = 12
