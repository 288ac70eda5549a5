import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/** An action waiting for its confirmation: what it does, in words, and the call that does it. */
export interface PendingAction {
  title: string;
  body: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  /** Resolves with an error message when the API refused, or undefined when it accepted. */
  run(): Promise<string | undefined>;
}

/**
 * A modal `<dialog>` (focus kept inside, Escape cancels) asking to confirm `action`; the
 * action runs only on Confirm, and a refusal is shown in the dialog, not lost.
 */
export function ConfirmDialog({ action, onClose }: { action: PendingAction | undefined; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    setError(undefined);
    setBusy(false);
    if (action === undefined) dialog.current?.close();
    else if (dialog.current?.open === false) dialog.current.showModal();
  }, [action]);

  async function confirm() {
    if (action === undefined) return;
    setBusy(true);
    const refusal = await action.run().catch((failure: unknown) => String(failure));
    setBusy(false);
    if (refusal === undefined) onClose();
    else setError(refusal);
  }

  return (
    <dialog ref={dialog} aria-labelledby="confirm-title" onClose={onClose} class="confirm">
      {action !== undefined && (
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            void confirm();
          }}
        >
          <h2 id="confirm-title">{action.title}</h2>
          <div class="confirm-body">{action.body}</div>
          {error !== undefined && (
            <p role="alert" class="error">
              {error}
            </p>
          )}
          <div class="buttons">
            <button type="button" onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button type="submit" class={action.danger === true ? 'danger' : 'primary'} disabled={busy}>
              {busy ? 'Working…' : action.confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
