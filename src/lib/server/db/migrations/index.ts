import type { Migration } from '../migrator';
import m001 from './001_journal';

export const journalMigrations: readonly Migration[] = [m001];
