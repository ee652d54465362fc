import { useI18n } from '../i18n/context';

export function PageLoading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}
