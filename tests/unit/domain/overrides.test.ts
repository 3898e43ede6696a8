// Issue 13, item 3: which acts at a clerk's window need a supervisor on the spot.
import { describe, expect, it } from 'vitest';
import { needsSupervisor } from '../../../src/lib/domain/overrides';

describe('a supervisor on the spot', () => {
	it('the first reprint (补打) is the clerk’s own; the second of the same document needs the supervisor', () => {
		expect(needsSupervisor('second-reprint', { reprintsBefore: 0 })).toBe(false);
		expect(needsSupervisor('second-reprint', { reprintsBefore: 1 })).toBe(true);
		expect(needsSupervisor('second-reprint', { reprintsBefore: 4 })).toBe(true);
	});

	it('a void before anything was printed is the clerk’s own; after the bank form was handed out it needs the supervisor', () => {
		expect(needsSupervisor('void-after-receipt', { documentPrinted: false })).toBe(false);
		expect(needsSupervisor('void-after-receipt', { documentPrinted: true })).toBe(true);
	});

	it('a link by hand needs the supervisor; a project-based work-injury record is linked at the counter as always', () => {
		expect(needsSupervisor('manual-link', { method: 'manual' })).toBe(true);
		expect(needsSupervisor('manual-link', { method: 'project' })).toBe(false);
	});

	it('the drawer without a sale, closing a stuck session and releasing another window’s claim always need the supervisor', () => {
		expect(needsSupervisor('drawer-no-sale', {})).toBe(true);
		expect(needsSupervisor('close-stuck-session', {})).toBe(true);
		expect(needsSupervisor('release-held-claim', {})).toBe(true);
	});

	it('a short or over needs the supervisor only above the threshold, either way', () => {
		expect(needsSupervisor('shift-variance', { varianceFen: -1000, thresholdFen: 1000 })).toBe(false);
		expect(needsSupervisor('shift-variance', { varianceFen: -1001, thresholdFen: 1000 })).toBe(true);
		expect(needsSupervisor('shift-variance', { varianceFen: 1001, thresholdFen: 1000 })).toBe(true);
		expect(needsSupervisor('shift-variance', { varianceFen: 0, thresholdFen: 0 })).toBe(false);
	});
});
