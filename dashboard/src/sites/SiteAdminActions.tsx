import type { Site, SiteCreated } from '@linewatch/shared';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useApi, useIsAdmin } from '../app/context';
import { useLiveSites } from '../board/liveSitesContext';
import { ConfirmButton } from '../components/ConfirmButton';
import { Modal } from '../components/Modal';
import { useProblemText } from '../components/QueryProblem';
import { useI18n } from '../i18n/context';
import { EnrollmentResult } from './EnrollmentResult';
import { SiteForm } from './SiteForm';

type Open = 'edit' | 'replace' | null;

/** Edit a line, set up a replacement box, or delete the line (with a second click to confirm). */
export function SiteAdminActions({ site }: { site: Site }) {
  return useIsAdmin() ? <AdminActions site={site} /> : null;
}

function AdminActions({ site }: { site: Site }) {
  const { t } = useI18n();
  const api = useApi();
  const live = useLiveSites();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const titleId = useId();
  const [open, setOpen] = useState<Open>(null);
  const [replacement, setReplacement] = useState<SiteCreated | null>(null);
  const token = useMutation({
    mutationFn: () => api.newEnrollmentToken(site.id),
    onSuccess: (issued) => setReplacement({ ...site, enrollmentToken: issued.enrollmentToken }),
  });
  const remove = useMutation({
    mutationFn: () => api.deleteSite(site.id),
    onSuccess: () => {
      live.reload();
      void navigate('/', { replace: true });
    },
  });
  const close = () => {
    setOpen(null);
    setReplacement(null);
    token.reset();
  };

  return (
    <div className="button-row site-admin">
      <button type="button" className="button small" onClick={() => setOpen('edit')}>
        {t('editSite.open')}
      </button>
      <button type="button" className="button small" onClick={() => setOpen('replace')}>
        {t('replaceBox.open')}
      </button>
      <ConfirmButton
        label={t('deleteSite.open')}
        confirmLabel={t('deleteSite.confirm', { name: site.name })}
        disabled={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
      {remove.isError && <p className="field-error">{problemText(remove.error)}</p>}
      {open === 'edit' && (
        <Modal titleId={titleId} onClose={close}>
          {(done) => (
            <SiteForm
              api={api}
              titleId={titleId}
              editing={site}
              onSubmittingChange={() => {}}
              onCancel={done}
              onUpdated={(updated) => {
                live.showSite(updated);
                done();
              }}
            />
          )}
        </Modal>
      )}
      {open === 'replace' && (
        <Modal titleId={titleId} onClose={close}>
          {(done) =>
            replacement ? (
              <EnrollmentResult site={replacement} titleId={titleId} onDone={done} />
            ) : (
              <div>
                <h2 id={titleId}>{t('replaceBox.title')}</h2>
                <p>{t('replaceBox.explain')}</p>
                {token.isError && <p className="field-error">{problemText(token.error)}</p>}
                <div className="dialog-actions">
                  <button type="button" className="button" onClick={done}>
                    {t('common.cancel')}
                  </button>
                  <button
                    type="button"
                    className="button primary"
                    disabled={token.isPending}
                    onClick={() => token.mutate()}
                  >
                    {t('replaceBox.issue')}
                  </button>
                </div>
              </div>
            )
          }
        </Modal>
      )}
    </div>
  );
}
