// React 19 + TypeScript (strict): <lms-error> with the package's JSX types ('lms-errors/react'),
// its properties and event set by React 19, and the React 18 pattern (ref + addEventListener).
import { useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { init, type NormalizedError } from 'lms-errors';
import { setLms, type LmsActionEventDetail, type LmsErrorElement } from 'lms-errors/components/lms-error.js';
import type {} from 'lms-errors/react';
import wasmUrl from 'lms-errors/lms_core.wasm';
// A locale imported by the app itself (package exports ./i18n/*), handed over as it is.
import cyCommon from 'lms-errors/i18n/cy/common.json' with { type: 'json' };

function ErrorBox({ error }: { error: NormalizedError }) {
  const ref = useRef<LmsErrorElement>(null);
  const [heard, setHeard] = useState<string[]>([]);
  // React 18 ignores on<event> props on custom elements: a ref and addEventListener work in both.
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onAction = (event: CustomEvent<LmsActionEventDetail>) => {
      event.preventDefault();
      setHeard((list) => [...list, `listener:${event.detail.action}`]);
    };
    element.addEventListener('lms-action', onAction);
    return () => element.removeEventListener('lms-action', onAction);
  }, []);
  return (
    <>
      <lms-error
        ref={ref}
        audience="teacher"
        error={error}
        onlms-action={(event) => setHeard((list) => [...list, `prop:${event.detail.action}`])}
      />
      <pre id="heard">{heard.join(',')}</pre>
    </>
  );
}

const lms = await init({ wasmUrl, resources: { cy: { common: cyCommon } } });
document.documentElement.dataset.welshStudent = lms.translate('entity.student', {}, { locale: 'cy' });
setLms(lms);
const error = lms.parse({ status: 500, headers: { 'content-type': 'application/json' }, body: '{"code":"LMS-ADM-007","error":"update failed"}' });
createRoot(document.getElementById('root')!).render(<ErrorBox error={error} />);
