import { useState } from 'react';
import { useI18n } from '../i18n/context';

interface ConfirmButtonProps {
  /** The first button, e.g. "Delete". */
  label: string;
  /** Its accessible name when the label alone is ambiguous in a list, e.g. "Delete Shop mail". */
  ariaLabel?: string;
  /** The second button that does it, e.g. "Really delete". */
  confirmLabel: string;
  disabled?: boolean;
  onConfirm(): void;
}

/**
 * A destructive action in two clicks: the first shows the confirming
 * button (and Cancel) in place, the second does it. No browser dialog.
 */
export function ConfirmButton({ label, ariaLabel, confirmLabel, disabled, onConfirm }: ConfirmButtonProps) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  return confirming ? (
    <>
      <button type="button" className="button small danger" disabled={disabled} onClick={onConfirm}>
        {confirmLabel}
      </button>
      <button type="button" className="button small" onClick={() => setConfirming(false)}>
        {t('common.cancel')}
      </button>
    </>
  ) : (
    <button type="button" className="button small" aria-label={ariaLabel} onClick={() => setConfirming(true)}>
      {label}
    </button>
  );
}
