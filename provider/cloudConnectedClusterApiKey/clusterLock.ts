/**
 * One change at a time per cluster, within this host process. Every rotation — of the cluster's key or of a
 * service's — changes the cluster's single ETag, and each rotation is conditional on the ETag it read just before
 * (`If-Match`). Two resources of one stack that rotate keys of the same cluster in the same `up` run in parallel in
 * this one process: unserialized, both would read the same ETag and the second rotation would fail with 412 — a
 * conflict with nobody but its sibling. Queued here, each reads the ETag the other left: no 412 between siblings,
 * no key lost, and the ETag each records is the one right after its own change. A writer outside this process
 * (another stack, a person) is not queued, so the If-Match check still catches it.
 */
const queues = new Map<string, Promise<unknown>>();

export async function withClusterLock<T>(clusterId: string, work: () => Promise<T>): Promise<T> {
  const before = queues.get(clusterId) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(work);
  const tail = mine.catch(() => undefined);
  queues.set(clusterId, tail);
  try {
    return await mine;
  } finally {
    // The last one out removes the queue, so the map does not grow with every cluster ever seen.
    if (queues.get(clusterId) === tail) queues.delete(clusterId);
  }
}
