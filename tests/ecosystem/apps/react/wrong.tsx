// Must NOT type-check: the JSX types reject what <lms-error> does not take.
import type {} from 'lms-errors/react';

export const badAudience = <lms-error audience="parent" />;
export const badError = <lms-error error={{ nothing: true }} />;
