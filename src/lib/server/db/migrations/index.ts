import type { Migration } from '../migrator';
import m001 from './001_journal';
import m002 from './002_held_money';
import m003 from './003_ledger';
import m004 from './004_certificate_numbers';
import m005 from './005_session_owner';
import m006 from './006_individual_certificates';
import m007 from './007_collectors';
import m008 from './008_audit_chain';
import m009 from './009_annuity';
import m010 from './010_shifts';

export const journalMigrations: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010];
