import { type ReactNode, useEffect, useRef } from 'react';
import { trapFocus } from './focusTrap';

interface ModalProps {
  titleId: string;
  /** Called once the dialog closed (Escape, or `close` from the content). */
  onClose(): void;
  children(close: () => void): ReactNode;
}

/**
 * A modal `<dialog>`: focus stays inside (Tab wraps), Escape closes it,
 * and focus returns where it was. Content gets a `close` function.
 */
export function Modal({ titleId, onClose, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    // Guarded: React's StrictMode runs this effect twice.
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const close = () => ref.current?.close();
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onKeyDown={(event) => trapFocus(event.nativeEvent, event.currentTarget)}
    >
      {children(close)}
    </dialog>
  );
}
