// Types for <lms-error> (web/components/lms-error.js).
import type { Lms } from '../index.js';

/** What the element needs of a normalized error (lms.parse / lms.networkError / LmsError.error). */
export interface LmsErrorValue {
  dialect: string;
  code: string;
  status: number;
  message: string;
  [member: string]: unknown;
}

/** What the element needs of a retry decision (lms.decide / LmsError.decision / onRetry). */
export interface LmsErrorDecision {
  retry: boolean;
  delayMs: number;
  action: 'retry' | 'wait' | 'refresh' | 'login' | 'reload' | 'fix' | 'contact' | 'none';
  reason?: string;
}

export interface LmsActionEventDetail {
  action: LmsErrorDecision['action'];
  error: LmsErrorValue | null;
  decision: LmsErrorDecision | null;
}

/** The lms-errors instance every <lms-error> uses unless given its own. */
export function setLms(lms: Lms): void;

export class LmsErrorElement extends HTMLElement {
  /** The instance used for wording (default: the one given to setLms()). */
  lms: Lms | null;
  /** The error shown; null hides the element. */
  error: LmsErrorValue | null;
  /** A pending retry (retry: true) or wait (action 'wait') with delayMs > 0 shows a countdown. */
  decision: LmsErrorDecision | null;
  /** Attribute `locale`; default: <html lang>, then en-GB. */
  locale: string;
  /** Attribute `audience`: 'pupil' | 'teacher' (default) | 'admin'. */
  audience: string;
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
