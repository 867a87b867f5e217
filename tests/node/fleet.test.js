// The fleet simulation (bench/fleet.cpp, built by the native preset) runs the real C++ policy
// for 10,000 simulated pupils through a 30 s outage. This checks the goals for the
// default policy decide() ships — the one the simulation names by comparing with RetryPolicy{}.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const binary = fileURLToPath(new URL('../../build/native/bench/lms_fleet', import.meta.url));

test('fleet simulation: the default policy keeps the peak <= 1.5 x capacity, loses nothing, beats the seed schedule', async () => {
  assert.ok(existsSync(binary), `${binary} is missing: build it with \`bash scripts/build.sh native\` (npm test does)`);
  const { stdout } = await promisify(execFile)(binary, ['--json', '--clients', '10000', '--runs', '3'], { timeout: 120_000 });
  const report = JSON.parse(stdout); // exactly one JSON object, nothing else
  assert.deepEqual(Object.keys(report), ['default', 'policies']);

  const byName = new Map(report.policies.map((policy) => [policy.name, policy]));
  for (const policy of report.policies) {
    assert.deepEqual(Object.keys(policy), ['name', 'peakLoadRatio', 'totalRequests', 'drainP50Ms', 'drainP99Ms', 'outboxed', 'lost']);
    assert.ok(policy.totalRequests > 0 && policy.drainP50Ms <= policy.drainP99Ms, policy.name);
  }
  for (const name of ['seed', 'seed+budget', 'full-jitter', 'full-jitter+budget', 'equal-jitter', 'equal-jitter+budget']) {
    assert.ok(byName.has(name), `the simulation compares ${name}`);
  }

  const chosen = byName.get(report.default);
  assert.ok(chosen, `the default ${report.default} is one of the simulated policies`);
  assert.ok(chosen.peakLoadRatio <= 1.5, `default peak ${chosen.peakLoadRatio} x capacity`);
  assert.equal(chosen.lost, 0, 'nothing lost');
  assert.ok(chosen.peakLoadRatio < byName.get('seed').peakLoadRatio, 'lower peak than the un-jittered seed schedule');
  // The storm the budget prevents is real in the model: without it the fleet offers > 2x.
  assert.ok(byName.get('seed').peakLoadRatio > 2, `seed schedule peak ${byName.get('seed').peakLoadRatio}`);
});
