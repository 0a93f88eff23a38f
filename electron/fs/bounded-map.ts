/**
 * Maps `items` through `work` with at most `limit` calls in flight, results in item order.
 * Rejects with the first failure; no new item starts after it (those already running finish unobserved).
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let hasFailed = false
  const worker = async () => {
    while (!hasFailed && next < items.length) {
      const index = next++
      try {
        results[index] = await work(items[index] as T, index)
      } catch (error) {
        hasFailed = true
        throw error
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
