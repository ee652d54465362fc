import type { SiteCreated } from '@linewatch/shared';
import { useEffect, useRef } from 'react';
import { CopyButton } from '../components/CopyButton';
import { Notice } from '../components/Notice';
import { useI18n } from '../i18n/context';
import { installCommands } from './enrollment';

interface EnrollmentResultProps {
  site: SiteCreated;
  titleId: string;
  onDone(): void;
}

/** The one-time token of a new site and the commands that use it. Shown once; never stored. */
export function EnrollmentResult({ site, titleId, onDone }: EnrollmentResultProps) {
  const { t } = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const commands = installCommands(window.location.origin, site.enrollmentToken);

  // The submit button that had focus is gone; start the reader at the news.
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <div className="enrollment">
      <h2 id={titleId} ref={headingRef} tabIndex={-1}>
        {t('enroll.title', { name: `${site.customer} – ${site.name}` })}
      </h2>
      <Notice tone="warn">{t('enroll.once')}</Notice>
      <Command caption={t('enroll.token')} text={site.enrollmentToken} copyLabel={t('enroll.copyToken')} />
      <Command caption={t('enroll.checkout')} text={commands.checkout} copyLabel={t('enroll.copyCheckout')} />
      <p className="hint">{t('enroll.checkoutThen', { command: 'pnpm agent run' })}</p>
      <Command caption={t('enroll.pi')} text={commands.raspberryPi} copyLabel={t('enroll.copyPi')} />
      <p className="muted">{t('enroll.next')}</p>
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={onDone}>
          {t('enroll.done')}
        </button>
      </div>
    </div>
  );
}

function Command({ caption, text, copyLabel }: { caption: string; text: string; copyLabel: string }) {
  return (
    <figure className="command">
      <figcaption>{caption}</figcaption>
      <div className="command-row">
        <pre>
          <code>{text}</code>
        </pre>
        <CopyButton text={text} label={copyLabel} />
      </div>
    </figure>
  );
}
