import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/context';
import { copyText } from './copy';

interface CopyButtonProps {
  text: string;
  /** The accessible name; should contain the visible word "Copy"/"Kopieren". */
  label: string;
}

/** A "Copy" button that says whether it worked. */
export function CopyButton({ text, label }: CopyButtonProps) {
  const { t } = useI18n();
  const [result, setResult] = useState<'idle' | 'copied' | 'failed'>('idle');
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (result !== 'copied') return;
    const timer = setTimeout(() => setResult('idle'), 2500);
    return () => clearTimeout(timer);
  }, [result]);

  async function copy() {
    setResult((await copyText(text, buttonRef.current)) ? 'copied' : 'failed');
  }

  return (
    <span className="copy">
      <button ref={buttonRef} type="button" className="button small" aria-label={label} onClick={copy}>
        {result === 'copied' ? `✔ ${t('common.copied')}` : t('common.copy')}
      </button>
      <span className="copy-status" role="status">
        {result === 'failed' && t('common.copyFailed')}
        {result === 'copied' && <span className="visually-hidden">{t('common.copied')}</span>}
      </span>
    </span>
  );
}
