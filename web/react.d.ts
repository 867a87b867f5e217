// JSX types for <lms-error> in React 18 and 19 (types only; the element itself comes from
// 'lms-errors/components/lms-error.js'). Bring them in once, e.g. in src/lms-error.d.ts:
//   import type {} from 'lms-errors/react';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { LmsActionEventDetail, LmsErrorDecision, LmsErrorElement, LmsErrorValue } from './components/lms-error.js';
import type { Audience } from './index.js';

/** What <lms-error> takes in JSX: its attributes, and (React 19, which sets them) its properties and events. */
export interface LmsErrorJsxProps extends DetailedHTMLProps<HTMLAttributes<LmsErrorElement>, LmsErrorElement> {
  /** Attribute: whose wording ('pupil' | 'teacher' | 'admin'), default 'teacher'. */
  audience?: Audience;
  /** Attribute: the locale; default <html lang>, then en-GB. */
  locale?: string;
  /** React 19 sets it as the element's property; React 18 cannot (use a ref and show()). */
  error?: LmsErrorValue | null;
  /** React 19 sets it as the element's property; React 18 cannot (use a ref and show()). */
  decision?: LmsErrorDecision | null;
  /** React 19 only; React 18 ignores it (use a ref and addEventListener('lms-action', …)). */
  'onlms-action'?: (event: CustomEvent<LmsActionEventDetail>) => void;
  /** React 19 only, as above. */
  'onlms-countdown-end'?: (event: CustomEvent<{ kind: 'retry' | 'wait' }>) => void;
}

declare module 'react' {
  // React 19's JSX namespace (and React 18's with @types/react >= 18.2.8, used by "jsx": "react-jsx").
  namespace JSX {
    interface IntrinsicElements {
      'lms-error': LmsErrorJsxProps;
    }
  }
}

declare global {
  // React 18's global JSX namespace (older @types/react 18 and "jsx": "react").
  namespace JSX {
    interface IntrinsicElements {
      'lms-error': LmsErrorJsxProps;
    }
  }
}
