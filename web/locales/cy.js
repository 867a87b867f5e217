// The shipped cy translations as one module: static JSON imports, which every bundler follows
// (and scripts/bundle-web.mjs inlines into dist/); tests/node/locales.test.js keeps it in step with i18n/.
import common from '../../i18n/cy/common.json' with { type: 'json' };
import lms from '../../i18n/cy/lms.json' with { type: 'json' };
import wrapped from '../../i18n/cy/wrapped.json' with { type: 'json' };
import nestjs from '../../i18n/cy/nestjs.json' with { type: 'json' };
import okflag from '../../i18n/cy/okflag.json' with { type: 'json' };
import problem from '../../i18n/cy/problem.json' with { type: 'json' };
import http from '../../i18n/cy/http.json' with { type: 'json' };
import network from '../../i18n/cy/network.json' with { type: 'json' };

export default { common, lms, wrapped, nestjs, okflag, problem, http, network };
