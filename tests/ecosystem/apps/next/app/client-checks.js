'use client';
import { useEffect, useState } from 'react';
import { init } from 'lms-errors';
import { runChecks } from './checks.js';

export default function ClientChecks() {
  const [text, setText] = useState('loading');
  useEffect(() => {
    runChecks(init).then(
      (result) => setText(JSON.stringify(result)),
      (error) => setText(JSON.stringify({ failed: String(error?.stack ?? error) })),
    );
  }, []);
  return <pre id="out">{text}</pre>;
}
