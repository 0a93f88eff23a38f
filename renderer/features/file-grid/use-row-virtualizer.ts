import { useVirtualizer } from '@tanstack/react-virtual'
import type { RefObject } from 'react'
import { gridOverscan, gridRowHeight } from './grid-metrics'

/** The virtualizer of a grid of fixed-height rows under a sticky header row in the same scroller (panes, Find results, Synchronize preview). */
export function useRowVirtualizer(count: number, gridRef: RefObject<HTMLElement | null>) {
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the grid re-renders on scroll by design
  return useVirtualizer({
    count,
    getScrollElement: () => gridRef.current,
    estimateSize: () => gridRowHeight,
    overscan: gridOverscan,
    // The sticky header sits above the rows inside the same scroller.
    scrollMargin: gridRowHeight,
    scrollPaddingStart: gridRowHeight,
  })
}
