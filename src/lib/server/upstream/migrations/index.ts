import type { Migration } from '../../db/migrator';
import m001 from './001_upstream';

export const upstreamMigrations: readonly Migration[] = [m001];
