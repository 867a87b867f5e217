// The shipped en-GB translations as one module: static JSON imports, which every bundler follows
// (and scripts/bundle-web.mjs inlines into dist/); tests/node/locales.test.js keeps it in step with i18n/.
import common from '../../i18n/en-GB/common.json' with { type: 'json' };
import lms from '../../i18n/en-GB/lms.json' with { type: 'json' };
import wrapped from '../../i18n/en-GB/wrapped.json' with { type: 'json' };
import nestjs from '../../i18n/en-GB/nestjs.json' with { type: 'json' };
import okflag from '../../i18n/en-GB/okflag.json' with { type: 'json' };
import problem from '../../i18n/en-GB/problem.json' with { type: 'json' };
import http from '../../i18n/en-GB/http.json' with { type: 'json' };
import network from '../../i18n/en-GB/network.json' with { type: 'json' };

export default { common, lms, wrapped, nestjs, okflag, problem, http, network };
