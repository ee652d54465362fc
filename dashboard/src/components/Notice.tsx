import type { ReactNode } from 'react';

export type NoticeTone = 'info' | 'success' | 'warn' | 'error';

interface NoticeProps {
  tone: NoticeTone;
  children: ReactNode;
  id?: string;
  /** E.g. a "Try again" button. */
  action?: ReactNode;
}

/**
 * A message in a coloured box. Errors are announced at once (`alert`), the
 * rest politely (`status`). The tone is also told by an icon, not colour alone.
 */
export function Notice({ tone, children, id, action }: NoticeProps) {
  return (
    <div id={id} className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span className="notice-icon" aria-hidden="true">
        {noticeIcons[tone]}
      </span>
      <div className="notice-body">{children}</div>
      {action && <div className="notice-action">{action}</div>}
    </div>
  );
}

const noticeIcons: Record<NoticeTone, string> = {
  info: 'ℹ',
  success: '✔',
  warn: '⚠',
  error: '✖',
};
