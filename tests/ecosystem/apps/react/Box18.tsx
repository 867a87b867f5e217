// Type-checked against @types/react 18 (tsconfig.react18.json): the React 18 pattern, a ref
// and addEventListener, with the attributes React 18 sets.
import { useEffect, useRef } from 'react';
import type { LmsActionEventDetail, LmsErrorElement } from 'lms-errors/components/lms-error.js';
import type { NormalizedError } from 'lms-errors';
import type {} from 'lms-errors/react';

export function Box18({ error, onRetry }: { error: NormalizedError; onRetry: () => void }) {
  const ref = useRef<LmsErrorElement>(null);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    box.show(error);
    const onAction = (event: CustomEvent<LmsActionEventDetail>) => {
      if (event.detail.action === 'retry') {
        event.preventDefault();
        onRetry();
      }
    };
    box.addEventListener('lms-action', onAction);
    return () => box.removeEventListener('lms-action', onAction);
  }, [error, onRetry]);
  return <lms-error ref={ref} audience="pupil" locale="cy" className="errors" />;
}
