import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createApiClient } from './api/client';
import { ApiContext } from './app/context';
import { createQueryClient } from './app/queryClient';
import { createRouter } from './app/routes';
import { I18nProvider } from './i18n/I18nProvider';
import './styles/index.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no <div id="root">');

const api = createApiClient();
const queryClient = createQueryClient();
const router = createRouter();

createRoot(container).render(
  <StrictMode>
    <I18nProvider>
      <ApiContext value={api}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </ApiContext>
    </I18nProvider>
  </StrictMode>,
);
