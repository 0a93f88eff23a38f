import { Fragment, useEffect, useId, useRef } from 'react'
import { hasMixed, permissionBits, symbolicOf, type BitName, type BitState, type BitStates, type PermissionBit } from './permission-bits'

interface PermissionGridProps {
  readonly states: BitStates
  /** The Octal box's text, which the caller keeps in step with `states`. */
  readonly octal: string
  readonly isOctalValid: boolean
  readonly onToggle: (name: BitName) => void
  readonly onOctalChange: (text: string) => void
  readonly onOctalBlur: () => void
  /** Links have no permissions of their own: the grid is shown, but cannot be changed. */
  readonly isDisabled?: boolean
}

const classHeadings = ['Owner', 'Group', 'Others'] as const
const columnNames = ['Read', 'Write', 'Execute'] as const
// permissionBits lists rwx for owner, group and others first, then the three special bits.
const rwxBits = permissionBits.slice(0, 9)
const specialBits = permissionBits.slice(9)

/** The fieldset `Permissions`: 12 checkboxes (a class × rwx grid, then the special bits), the octal box and the ls form. */
export function PermissionGrid({ states, octal, isOctalValid, onToggle, onOctalChange, onOctalBlur, isDisabled = false }: PermissionGridProps) {
  const errorId = useId()
  return (
    <fieldset className="permissions" disabled={isDisabled}>
      <legend>Permissions</legend>
      <div className="permission-grid">
        <span />
        {columnNames.map((column) => (
          <span key={column} className="permission-heading" aria-hidden="true">
            {column}
          </span>
        ))}
        {classHeadings.map((heading, row) => (
          <Fragment key={heading}>
            <span className="permission-heading" aria-hidden="true">
              {heading}
            </span>
            {rwxBits.slice(row * 3, row * 3 + 3).map((bit) => (
              // The row and column headings say it visually; the label text says it to assistive tech.
              <BitBox key={bit.name} bit={bit} state={states[bit.name]} isLabelHidden onToggle={onToggle} />
            ))}
          </Fragment>
        ))}
      </div>
      <div className="permission-special">
        {specialBits.map((bit) => (
          <BitBox key={bit.name} bit={bit} state={states[bit.name]} isLabelHidden={false} onToggle={onToggle} />
        ))}
      </div>
      <div className="permission-forms">
        <label className="field permission-octal">
          <span>Octal</span>
          <input
            value={octal}
            placeholder={hasMixed(states) ? '(mixed)' : undefined}
            inputMode="numeric"
            maxLength={4}
            spellCheck={false}
            aria-invalid={!isOctalValid}
            aria-describedby={isOctalValid ? undefined : errorId}
            onChange={(event) => onOctalChange(event.target.value)}
            onBlur={onOctalBlur}
          />
        </label>
        <span className="permission-symbolic" title="As ls shows it; ? where the selected entries differ">
          {symbolicOf(states)}
        </span>
      </div>
      {!isOctalValid && (
        <p id={errorId} className="form-error permission-error">
          Enter 3 or 4 digits from 0 to 7, like 0644.
        </p>
      )}
    </fieldset>
  )
}

interface BitBoxProps {
  readonly bit: PermissionBit
  readonly state: BitState
  readonly isLabelHidden: boolean
  readonly onToggle: (name: BitName) => void
}

function BitBox({ bit, state, isLabelHidden, onToggle }: BitBoxProps) {
  const boxRef = useRef<HTMLInputElement>(null)
  // `indeterminate` is a DOM property with no attribute, so it can only be set on the element.
  useEffect(() => {
    if (boxRef.current) boxRef.current.indeterminate = state === 'mixed'
  }, [state])
  return (
    <label className="permission-bit">
      <input
        ref={boxRef}
        type="checkbox"
        checked={state === 'on'}
        aria-checked={state === 'mixed' ? 'mixed' : undefined}
        onChange={() => onToggle(bit.name)}
      />
      <span className={isLabelHidden ? 'permission-bit-name is-hidden' : 'permission-bit-name'}>{bit.label}</span>
    </label>
  )
}
