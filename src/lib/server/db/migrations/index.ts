import type { Migration } from '../migrator';
import m001 from './001_journal';
import m002 from './002_held_money';

export const journalMigrations: readonly Migration[] = [m001, m002];
