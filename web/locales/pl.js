// The shipped pl translations as one module: static JSON imports, which every bundler follows
// (and scripts/bundle-web.mjs inlines into dist/); tests/node/locales.test.js keeps it in step with i18n/.
import common from '../../i18n/pl/common.json' with { type: 'json' };
import lms from '../../i18n/pl/lms.json' with { type: 'json' };
import wrapped from '../../i18n/pl/wrapped.json' with { type: 'json' };
import nestjs from '../../i18n/pl/nestjs.json' with { type: 'json' };
import okflag from '../../i18n/pl/okflag.json' with { type: 'json' };
import problem from '../../i18n/pl/problem.json' with { type: 'json' };
import http from '../../i18n/pl/http.json' with { type: 'json' };
import network from '../../i18n/pl/network.json' with { type: 'json' };

export default { common, lms, wrapped, nestjs, okflag, problem, http, network };
