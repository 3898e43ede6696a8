import { checkListRows, normalizeResidentId, type CheckedRow, type ListRow, type PersonFacts } from '../../domain';
import type { IsoDate } from '../../domain/dates';
import type { CoreTax } from '../upstream/types';
import { yearTables } from './year-tables';

/** How far a check has come: what it is doing, and the share done (0–100). */
export interface CheckProgress {
	phase: 'facts' | 'checking' | 'saving';
	percent: number;
}

/** The people of a large list are asked for in parts, so a check can say how far it is. */
const FACTS_CHUNK = 5_000;

/**
 * Checks a collector's list against what the core tax system knows today: the persons' facts in
 * bulk (in parts of FACTS_CHUNK), the year's tables, then the pure row checker. Nothing is paid.
 */
export async function checkList(
	coreTax: Pick<CoreTax, 'personFacts' | 'yearlyAmounts'>,
	rows: ListRow[],
	today: IsoDate,
	progress: (p: CheckProgress) => void = () => {}
): Promise<CheckedRow[]> {
	const ids = [...new Set(rows.map((r) => normalizeResidentId(r.idNumber)))];
	const facts = new Map<string, PersonFacts>();
	for (let i = 0; i < ids.length; i += FACTS_CHUNK) {
		progress({ phase: 'facts', percent: Math.round((i / Math.max(ids.length, 1)) * 80) });
		for (const [id, f] of await coreTax.personFacts({ idNumbers: ids.slice(i, i + FACTS_CHUNK), today })) facts.set(id, f);
	}
	progress({ phase: 'checking', percent: 80 });
	return checkListRows(rows, facts, await yearTables(coreTax, today), today);
}
