/**
 * Calls a fault test's checkpoint. A checkpoint that throws stands for the process dying
 * there: the caller undoes nothing (it does not reopen a database it closed), so the test
 * sees what a crash leaves and can check that a retry finishes it.
 */
export async function reachCheckpoint<Name extends string>(
  checkpoint: ((name: Name) => Promise<void> | void) | undefined,
  name: Name,
  crashed: { value: boolean },
): Promise<void> {
  try {
    await checkpoint?.(name);
  } catch (error) {
    crashed.value = true;
    throw error;
  }
}
