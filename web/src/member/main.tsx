import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../i18n/index.tsx';
import '../shared/base.css';
import './member.css';
import './account.css';
import { App } from './App.tsx';
import { registerServiceWorker } from './registerSw.ts';

// The feed restores its own scroll position once its items are on screen (see useFeed).
window.history.scrollRestoration = 'manual';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
registerServiceWorker();
