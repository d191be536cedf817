import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { windowApi } from './api';
import { ApiProvider } from './api-context';
import { ToastProvider } from './components/Toast';
import { ATTACHMENT_RENDERERS } from './attachments/attachment-renderers';
import { AttachmentRenderersProvider } from './markdown/attachment-renderers';
import './theme.css';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <ApiProvider api={windowApi()}>
      <ToastProvider>
        <AttachmentRenderersProvider value={ATTACHMENT_RENDERERS}>
          <App />
        </AttachmentRenderersProvider>
      </ToastProvider>
    </ApiProvider>
  </StrictMode>,
);
