// Types for <lms-error> (web/components/lms-error.js).
import type { Action, Audience, FormattableError, Lms, RetryDecision } from '../index.js';

/** The error shown: a normalized error (parse(), networkError(), LmsError.error); without a code: ui.error.unknown. */
export type LmsErrorValue = FormattableError;

/** A decision (decide(), LmsError.decision); with retry or action 'wait' and delayMs > 0 it counts down. */
export type LmsErrorDecision = Pick<RetryDecision, 'retry' | 'delayMs' | 'action'> & Partial<Pick<RetryDecision, 'reason'>>;

export interface LmsActionEventDetail {
  action: Action;
  error: LmsErrorValue | null;
  decision: LmsErrorDecision | null;
}

/** The lms-errors instance every <lms-error> uses unless given its own. */
export function setLms(lms: Lms): void;

/**
 * <lms-error audience="pupil" signin-url="/signin/" fix-target="answer">: every action acts unless
 * an `lms-action` listener cancels it — retry: retry(); refresh/login: signin-url; reload: reload;
 * fix: focuses the field the error names (else the `fix-target` id); contact: shows what to tell
 * the teacher beside the code; wait: a countdown, then retry; none: hides.
 */
export class LmsErrorElement extends HTMLElement {
  /** The instance used for wording (default: the one given to setLms()). */
  lms: Lms | null;
  /** The error shown; null hides the element. */
  error: LmsErrorValue | null;
  /** A pending retry (retry: true) or wait (action 'wait') with delayMs > 0 shows a countdown. */
  decision: LmsErrorDecision | null;
  /** Attribute `locale`; default: <html lang>, then en-GB. */
  locale: string;
  /** Attribute `audience`, default 'teacher'. Pupils see the code only in the chip; staff in the message too. */
  audience: Audience;
  /** Attribute `signin-url`: where refresh and login go when no `lms-action` listener cancels them (none: reload). */
  signinUrl: string | null;
  /** What the retry action calls when no `lms-action` listener cancels it (null: the page reloads). */
  retry: (() => unknown) | null;
  /** Sets error and decision together. */
  show(error: LmsErrorValue | null, decision?: LmsErrorDecision | null): void;
  /** Re-renders (after resources were added, for example). */
  refresh(): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'lms-error': LmsErrorElement;
  }
  interface HTMLElementEventMap {
    'lms-action': CustomEvent<LmsActionEventDetail>;
    'lms-countdown-end': CustomEvent<{ kind: 'retry' | 'wait' }>;
  }
}
