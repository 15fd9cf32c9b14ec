import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../i18n/index.tsx';
import '../shared/base.css';
import './console.css';
import { ConsoleApp } from './ConsoleApp.tsx';

// No service worker here: the console is an online tool and its data must never come from a cache.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <ConsoleApp />
    </I18nProvider>
  </StrictMode>,
);
