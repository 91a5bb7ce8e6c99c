/** Nothing to remove: the check owns no object. */
export async function remove(): Promise<void> {}
