import type { CSSProperties } from 'react';
import { useI18n } from '../i18n/context';
import { statusInfo } from '../sites/catalogue';

/** Inline style that hands a status colour to the CSS (`var(--status-colour)`). */
export function statusColour(colour: string): CSSProperties {
  return { '--status-colour': colour } as CSSProperties;
}

/** A status as icon and label, coloured: never colour alone. */
export function StatusBadge({ status, label }: { status: string; label?: string | undefined }) {
  const { lang } = useI18n();
  const info = statusInfo(status);
  return (
    <span className="status-badge" style={statusColour(info.colour)}>
      <span className="status-icon" aria-hidden="true">
        {info.icon}
      </span>
      <span className="status-label">{label ?? info.label[lang]}</span>
    </span>
  );
}
