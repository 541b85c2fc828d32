import type { UseMutationResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { ActionDialog } from './action-dialog'

interface ConfirmDialogProps<TData, TVariables> {
  title: string
  confirmLabel: string
  /** Deleting, removing or stopping: a red button, and Cancel takes the first focus. */
  destructive?: boolean
  /** The change to confirm, and what to send it. */
  change: UseMutationResult<TData, Error, TVariables>
  variables: TVariables
  /** Runs once the change is done: say so, close, perhaps navigate. */
  onDone: (data: TData) => void
  onClose: () => void
  /** What will happen, in words. */
  children: ReactNode
}

/** A question before a change that has nothing to fill in: the change, said in words, and a button to make it. */
export function ConfirmDialog<TData, TVariables>({
  title,
  confirmLabel,
  destructive,
  change,
  variables,
  onDone,
  onClose,
  children,
}: ConfirmDialogProps<TData, TVariables>) {
  return (
    <ActionDialog
      pending={change.isPending}
      title={title}
      submitLabel={confirmLabel}
      destructive={destructive}
      error={change.error}
      onSubmit={() => {
        change.mutate(variables, { onSuccess: onDone })
        return true
      }}
      onClose={onClose}
    >
      {children}
    </ActionDialog>
  )
}
