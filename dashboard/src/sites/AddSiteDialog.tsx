import type { Site, SiteCreated } from '@linewatch/shared';
import { type SyntheticEvent, useEffect, useId, useRef, useState } from 'react';
import type { ApiClient } from '../api/client';
import { withoutToken } from '../board/boardState';
import { trapFocus } from '../components/focusTrap';
import { EnrollmentResult } from './EnrollmentResult';
import { SiteForm } from './SiteForm';

interface AddSiteDialogProps {
  api: ApiClient;
  /** The new site (without its token), for the board to show at once. */
  onCreated(site: Site): void;
  onClose(): void;
}

/** A modal dialog: the new-site form, then the one-time token and install commands. */
export function AddSiteDialog({ api, onCreated, onClose }: AddSiteDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [created, setCreated] = useState<SiteCreated | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    // Guarded: React's StrictMode runs this effect twice.
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const close = () => dialogRef.current?.close();

  // Escape while saving would lose the token of a site that is being created.
  const onCancel = (event: SyntheticEvent<HTMLDialogElement>) => {
    if (submitting) event.preventDefault();
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={onCancel}
      onKeyDown={(event) => trapFocus(event.nativeEvent, event.currentTarget)}
    >
      {created ? (
        <EnrollmentResult site={created} titleId={titleId} onDone={close} />
      ) : (
        <SiteForm
          api={api}
          titleId={titleId}
          onSubmittingChange={setSubmitting}
          onCancel={close}
          onCreated={(site) => {
            onCreated(withoutToken(site));
            setCreated(site);
          }}
        />
      )}
    </dialog>
  );
}
