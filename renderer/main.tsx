// First: every <style> created from here on carries the page's nonce.
import './style-nonce'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './components/App'
import { subscribeEvents } from './ipc/subscribe-events'
import { useAppStore } from './stores/app-store'
import './styles/base.css'
import './styles/layout.css'
import './features/file-grid/file-grid.css'

// Subscribed before the first request, so no event of the start-up exchange is missed.
subscribeEvents()
void useAppStore.getState().start()

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
