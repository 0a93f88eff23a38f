import { useNoticesStore } from '../stores/notices-store'

/**
 * Every failure, readable and dismissible, in ONE alert element (screen readers announce it;
 * tests find `role=alert`). Messages are plain text from ErrorInfo, never stacks.
 */
export function NoticeBar() {
  const notices = useNoticesStore((state) => state.notices)
  const dismiss = useNoticesStore((state) => state.dismiss)
  if (notices.length === 0) return null
  return (
    <div className="notices" role="alert">
      {notices.map((notice) => (
        <div key={notice.id} className={notice.tone === 'info' ? 'notice notice-info' : 'notice'}>
          <span className="notice-icon" aria-hidden="true" />
          <span className="notice-text">{notice.message}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" title="Dismiss" onClick={() => dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
