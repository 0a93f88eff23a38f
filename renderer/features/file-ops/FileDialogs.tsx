import { useState } from 'react'
import type { TransferId } from '../../../shared/models/ids'
import { rpc } from '../../ipc/client'
import { useFileOpsStore, type FileDialog } from '../../stores/file-ops-store'
import { notifyFailure } from '../../stores/notices-store'
import { usePanesStore } from '../../stores/panes-store'
import { useTransfersStore } from '../../stores/transfers-store'
import { DeleteDialog, ReplaceDialog } from './DeleteDialog'
import { NameDialog, NewLinkDialog } from './NameDialogs'
import { pathIn } from './file-commands'
import { PropertiesDialog, type PropertiesChange, type PropertiesSize } from './PropertiesDialog'

const close = () => useFileOpsStore.getState().show(null)

/** The `Properties` dialog of a pane's selection; a folder's size is a job of the queue, followed here. */
function PropertiesHost({ dialog }: { readonly dialog: Extract<FileDialog, { kind: 'properties' }> }) {
  const pane = usePanesStore((state) => state.panes[dialog.paneKey])
  const [sizeJob, setSizeJob] = useState<TransferId | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const job = useTransfersStore((state) => (sizeJob ? state.jobs.find((known) => known.transferId === sizeJob) : undefined))
  if (!pane?.listing) return null
  const entries = pane.rows.filter((row) => dialog.names.includes(row.name))
  const paths = dialog.names.map((name) => pathIn(dialog.paneKey, name))
  const size: PropertiesSize = !job
    ? { state: sizeJob ? 'running' : 'idle' }
    : job.state === 'done'
      ? { state: 'done', ...(job.count ? { count: job.count } : {}) }
      : job.state === 'failed' || job.state === 'cancelled'
        ? { state: 'failed', message: job.error?.message ?? 'Stopped.' }
        : { state: 'running' }
  const onCalculate = async () => {
    const reply = await rpc.request('fs.folderSize', { target: pane.target, paths })
    if (reply.ok) setSizeJob(reply.value.transferId)
    else notifyFailure(reply.error)
  }
  // Stays open until the main process took it: an unknown owner is said here, not in a failed job.
  const onApply = async (change: PropertiesChange) => {
    const reply = await rpc.request('fs.setAttributes', { target: pane.target, paths, ...change })
    if (reply.ok) close()
    else setProblem(reply.error.message)
  }
  return (
    <PropertiesDialog
      key={dialog.names.join('\0')}
      entries={entries}
      location={pane.listing.path}
      canChown={dialog.capabilities.canChown}
      size={size}
      onCalculate={() => void onCalculate()}
      onCancelCalculate={() => sizeJob && useTransfersStore.getState().cancel(sizeJob)}
      onApply={(change) => void onApply(change)}
      onClose={close}
      problem={problem}
    />
  )
}

/** Whichever file-command dialog is open (one at a time). */
export function FileDialogs() {
  const dialog = useFileOpsStore((state) => state.dialog)
  if (!dialog) return null
  const key = `${dialog.kind}:${dialog.paneKey}`
  switch (dialog.kind) {
    case 'new-folder':
    case 'new-file':
    case 'duplicate':
      return <NameDialog key={key} dialog={dialog} />
    case 'new-link':
      return <NewLinkDialog key={key} dialog={dialog} />
    case 'delete':
      return <DeleteDialog key={key} dialog={dialog} />
    case 'replace':
      return <ReplaceDialog key={key} dialog={dialog} />
    case 'properties':
      return <PropertiesHost key={key} dialog={dialog} />
  }
}
