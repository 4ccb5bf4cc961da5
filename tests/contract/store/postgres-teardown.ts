/** jest globalTeardown: stops the cluster postgres-setup.ts started, if any. */
export default async function teardown(): Promise<void> {
  const cluster = globalThis.__haloPostgresCluster;
  globalThis.__haloPostgresCluster = undefined;
  cluster?.stop();
}

export {};
