import type { Migration } from '../../db/migrator';
import m001 from './001_upstream';
import m002 from './002_counter_flows';
import m003 from './003_declaration_claims';
import m004 from './004_individuals';
import m005 from './005_virtual_accounts';
import m006 from './006_annuity';

export const upstreamMigrations: readonly Migration[] = [m001, m002, m003, m004, m005, m006];
