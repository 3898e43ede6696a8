// The POS's batch detail reference by reference, as posDifferences compares it with the ledger.
import { describe, expect, it } from 'vitest';
import { posDifferences, posNetByReference } from '../../../src/lib/domain/shift-report';

describe('the POS batch detail by reference', () => {
	it('an approved sale counts its amount; a voided or reversed one counts nothing', () => {
		const pos = posNetByReference([
			{ referenceNo: 'R1', amountFen: 12_000, state: 'approved' },
			{ referenceNo: 'R2', amountFen: 3_400, state: 'voided' },
			{ referenceNo: 'R3', amountFen: 5_600, state: 'reversed' }
		]);
		expect([...pos]).toEqual([
			['R1', 12_000],
			['R2', 0],
			['R3', 0]
		]);
	});

	it('a voided sale the ledger no longer holds agrees; one the ledger still holds is a difference', () => {
		const pos = posNetByReference([
			{ referenceNo: 'R1', amountFen: 12_000, state: 'approved' },
			{ referenceNo: 'R2', amountFen: 3_400, state: 'voided' }
		]);
		expect(posDifferences(pos, new Map([['R1', 12_000]]))).toEqual([]);
		expect(
			posDifferences(
				pos,
				new Map([
					['R1', 12_000],
					['R2', 3_400]
				])
			)
		).toEqual([{ referenceNo: 'R2', posFen: 0, ledgerFen: 3_400 }]);
	});
});
