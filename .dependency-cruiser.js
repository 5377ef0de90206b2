/**
 * Architecture boundaries, checked by `npm run lint` (depcruise apps libs --config .dependency-cruiser.js).
 * Every rule is an error: a violation fails the lint and CI.
 *
 *  - a domain folder (libs/<lib>/src/domain/) reaches no framework or driver, and imports only the kernel and
 *    domain folders (another lib's through @billing/<lib>/domain, its pure surface)
 *  - the kernel (libs/kernel) depends on no other lib and no infrastructure
 *  - a lib never imports an app (libs/testing excepted: it starts the real apps)
 *  - another lib is imported through its public surfaces only (@billing/<lib> → libs/<lib>/src/index.ts, and
 *    @billing/<lib>/domain → libs/<lib>/src/domain/index.ts)
 *  - only tests import libs/testing
 *  - no dependency cycle passes through more than one lib
 */

/** Packages the domain must not see, anchored on their resolved path under node_modules. */
const INFRASTRUCTURE_PACKAGES = ['@nestjs/[^/]+', '@fastify/[^/]+', 'fastify', 'typeorm', 'pg', 'pg-[^/]+', 'bullmq', 'ioredis', 'stripe'];

/** A lib's domain folder (the invoicing lib's tax-rates have their own). */
const DOMAIN = '^libs/[^/]+/src/(domain|[^/]+/domain)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-free-of-infrastructure',
      severity: 'error',
      comment:
        'Domain code (aggregates, value objects, pure functions) may not depend on Nest, the ORM, the HTTP server, ' +
        'the database or queue drivers, or Stripe, directly or through anything it imports. Put that code in ' +
        'commands/, queries/, persistence/ or sagas/.',
      from: { path: DOMAIN },
      to: { path: `^node_modules/(${INFRASTRUCTURE_PACKAGES.join('|')})/`, reachable: true },
    },
    {
      name: 'domain-imports-kernel-and-domains-only',
      severity: 'error',
      comment:
        'A domain folder imports only the kernel (@billing/kernel) and domain folders (its own, or another ' +
        "lib's through @billing/<lib>/domain): never a lib's index, persistence/, commands/, queries/ or an app.",
      from: { path: DOMAIN },
      to: { path: ['^libs/(?!kernel/)[^/]+/src/(?!(domain|[^/]+/domain)/)', '^apps/'] },
    },
    {
      name: 'kernel-depends-on-nothing',
      severity: 'error',
      comment: 'The kernel is what every domain may use: it imports no other lib and no infrastructure, directly or not.',
      from: { path: '^libs/kernel/' },
      to: { path: ['^libs/(?!kernel/)', `^node_modules/(${INFRASTRUCTURE_PACKAGES.join('|')})/`], reachable: true },
    },
    {
      name: 'lib-not-to-app',
      severity: 'error',
      comment: 'Libraries are shared by both apps and may not depend on either. libs/testing starts the real apps, so it may.',
      from: { path: '^libs/', pathNot: '^libs/testing/' },
      to: { path: '^apps/' },
    },
    {
      name: 'lib-not-to-scripts-or-migrations',
      severity: 'error',
      comment: 'Libraries may not reach into the launcher scripts or the migrations (libs/testing may: it migrates test databases).',
      from: { path: '^libs/', pathNot: '^libs/testing/' },
      to: { path: '^(scripts|migrations)/' },
    },
    {
      name: 'lib-imported-through-index',
      severity: 'error',
      comment:
        'Import another lib through @billing/<lib> (its src/index.ts), never a file inside it. ' +
        "Exception: jest's globalSetup/globalTeardown run outside jest's module mapper, so @billing/* does not resolve there.",
      from: { path: '^libs/([^/]+)/', pathNot: '^libs/testing/src/global-(setup|teardown)\\.ts$' },
      to: { path: '^libs/[^/]+/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/(domain/)?index\\.ts$'] },
    },
    {
      name: 'app-imports-lib-through-index',
      severity: 'error',
      comment: 'Apps, scripts, migrations and tests import a lib through @billing/<lib> (its src/index.ts), never a file inside it.',
      from: { pathNot: '^libs/' },
      to: { path: '^libs/[^/]+/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'production-code-not-to-testing',
      severity: 'error',
      comment: 'libs/testing is test infrastructure (excluded from the build): only tests may import it.',
      from: { pathNot: ['^libs/testing/', '^test/', '\\.(spec|int-spec|e2e-spec)\\.ts$'] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'no-circular-between-libs',
      severity: 'error',
      comment:
        'A dependency cycle that leaves a lib and comes back into it ties the libs together; break it with an event or an interface.',
      from: { path: '^libs/([^/]+)/' },
      to: { circular: true, via: { pathNot: '^libs/$1/' } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing: a typo, a missing package, or a path alias missing from tsconfig.json.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.data|coverage)/' },
    // Type-only imports count too: a domain file must not even import a Nest or TypeORM type.
    tsPreCompilationDeps: true,
    // Resolves the @billing/<lib> path aliases to libs/<lib>/src/index.ts.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
      mainFields: ['main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
