// Issue 12, item 2: the journal keeps what the window did with annuity — notices as printed,
// transfers once each, matching answers that change until a decision or a confirmation makes them final.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempRuntime } from '../temp-runtime';
import { clerkAt } from '../sessions/flow-helpers';
import { annuityRepo, type AnnuityRepo } from '../../../src/lib/server/db/annuity-repo';
import { journalMigrations } from '../../../src/lib/server/db/migrations';

describe('annuity journal (migration annuity)', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	let repo: AnnuityRepo;
	let clerkId: number;
	let supervisorId: number;
	const at = '2026-11-20T02:00:00.000Z';
	beforeEach(async () => {
		rt = await tempRuntime();
		repo = annuityRepo(rt.journal);
		clerkId = clerkAt(rt, 'clerk01', 1).clerkId;
		supervisorId = clerkAt(rt, 'super01', 1).clerkId;
	});
	afterEach(() => rt.dispose());

	const transfer = (transferId: string, amountFen: number, remark = '1877101') => ({
		transferId,
		source: 'file' as const,
		payerAccount: '140700009000505',
		payerName: '太原市示例中学',
		amountFen,
		date: '2026-11-10',
		remark
	});

	it('the journal is at the last migration', () => {
		expect(rt.journal.pragma('user_version', { simple: true })).toBe(journalMigrations.length);
	});

	it('a transfer imported twice is kept once', () => {
		expect(repo.importTransfers([transfer('T1', 100), transfer('T2', 200)], clerkId, at)).toEqual(['T1', 'T2']);
		expect(repo.importTransfers([transfer('T2', 200), transfer('T3', 300)], clerkId, at)).toEqual(['T3']);
		expect(repo.transfers().map((t) => t.transferId)).toEqual(['T1', 'T2', 'T3']);
	});

	it('a matching answer changes with the next matching, a decision is final and recorded with its names', () => {
		repo.importTransfers([transfer('T1', 100), transfer('T2', 200, '八月职业年金')], clerkId, at);
		repo.applyMatch({
			matched: [],
			partial: [{ noticeNo: '1877101', transferIds: ['T1'], missingFen: 50 }],
			exceptions: [{ transferId: 'T2', code: 'REMARK_INVALID', reason: '附言不符合要求' }]
		});
		expect(repo.transfer('T1')).toMatchObject({ state: 'partial', noticeNo: '1877101' });
		repo.returnTransfer('T2', '附言无编号，退回付款单位', clerkId, at);
		repo.applyMatch({
			matched: [],
			partial: [],
			exceptions: [
				{ transferId: 'T2', code: 'REMARK_INVALID', reason: 'again' },
				{ transferId: 'T1', code: 'TOO_EARLY', reason: 'x' }
			]
		});
		expect(repo.transfer('T2')).toMatchObject({ state: 'returned', exceptionCode: null });
		expect(repo.transfer('T1')).toMatchObject({ state: 'exception', exceptionCode: 'TOO_EARLY' });
		expect(repo.decision('T2')).toMatchObject({ decision: 'returned', reason: '附言无编号，退回付款单位', clerkId, supervisorId: null });
		expect(repo.openTransfers().map((t) => t.transferId)).toEqual(['T1']);
	});

	it('a hand match needs its notice and supervisor; it closes the notice with its partial transfers', () => {
		repo.importTransfers([transfer('T1', 100), transfer('T2', 50, '通知单编号 1877101')], clerkId, at);
		expect(() =>
			rt.journal
				.prepare(
					`INSERT INTO annuity_decisions (transfer_id, decision, notice_no, reason, clerk_id, decided_at) VALUES ('T2', 'hand_matched', '1877101', 'x', ?, ?)`
				)
				.run(clerkId, at)
		).toThrow(/CHECK/);
		repo.handMatch('T2', '1877101', ['T1'], '附言多了文字', clerkId, supervisorId, at);
		expect(repo.transfersOf('1877101').map((t) => [t.transferId, t.state])).toEqual([
			['T1', 'hand_matched'],
			['T2', 'hand_matched']
		]);
		expect(repo.closedNotices()).toEqual(new Set(['1877101']));
	});

	it('a receipt is kept only for a confirmed notice', () => {
		const receipt = {
			noticeNo: '1877101',
			receiptNo: '2026000001',
			checkCode: 'ABC123',
			issuedOn: '2026-11-20',
			receiptCode: '14060125',
			issuer: '税务局',
			payerName: '学校',
			payerCode: 'X',
			month: '2026-10',
			amountFen: 150
		};
		expect(() => repo.keepReceipt(receipt)).toThrow(/FOREIGN KEY/);
		repo.importTransfers([transfer('T1', 150)], clerkId, at);
		repo.recordConfirmation('1877101', ['T1'], '2026-11-20', clerkId, at);
		repo.keepReceipt(receipt);
		expect(repo.receipt('1877101')).toMatchObject({ receiptNo: '2026000001', prints: 0 });
		expect(repo.transfer('T1')).toMatchObject({ state: 'confirmed', noticeNo: '1877101' });
	});
});
