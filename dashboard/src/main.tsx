import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createApiClient } from './api/client';
import { I18nProvider } from './i18n/I18nProvider';
import './styles/index.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no <div id="root">');

createRoot(container).render(
  <StrictMode>
    <I18nProvider>
      <App api={createApiClient()} />
    </I18nProvider>
  </StrictMode>,
);
