// Lints the OpenAPI document read from stdin with Redocly's `recommended` ruleset (what `redocly lint`
// runs) and prints the problems as JSON. A plain Node process: @redocly/openapi-core is an ES module.
import { createConfig, lintFromString } from '@redocly/openapi-core';

let source = '';
for await (const chunk of process.stdin) source += chunk;
const config = await createConfig({ extends: ['recommended'] });
const problems = await lintFromString({ source, config, absoluteRef: 'openapi.json' });
process.stdout.write(
  JSON.stringify(
    problems.map((problem) => ({
      severity: problem.severity,
      rule: problem.ruleId,
      message: problem.message,
      where: problem.location?.[0]?.pointer,
    })),
  ),
);
