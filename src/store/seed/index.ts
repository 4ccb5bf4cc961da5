export { applySeed, loadSeedFile, parseSeed, type SeedSummary } from './apply-seed';
export { seedSchema, type Seed, type SeedInput } from './seed-schema';
