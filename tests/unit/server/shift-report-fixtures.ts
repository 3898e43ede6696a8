// A Z report of window 3 with a 10-yuan short and two POS differences, and a day close of three
// windows, one still open: the reports the printing tests lay out.
import { REPORT_CHANNEL_LABEL, type DayCloseReport, type ShiftReport } from '../../../src/lib/domain/shift-report';

export const SHORT_REASON = '找零时多付一张10元';

export const Z_REPORT: ShiftReport = {
	kind: 'Z',
	shiftId: 41,
	windowNo: 3,
	clerk: { id: 7, name: '李晓红' },
	businessDate: '2026-12-03',
	openedAt: '2026-12-03T00:30:00.000Z',
	closedAt: '2026-12-03T09:05:00.000Z',
	printedAt: '2026-12-03T09:06:10.000Z',
	openingFloat: { count: { 10000: 3, 5000: 4 }, totalFen: 50_000 },
	channels: [
		{ channel: 'pos', label: REPORT_CHANNEL_LABEL.pos, entries: 5, netFen: 512_000 },
		{ channel: 'cash', label: REPORT_CHANNEL_LABEL.cash, entries: 4, netFen: 73_000 },
		{ channel: 'agreement', label: REPORT_CHANNEL_LABEL.agreement, entries: 1, netFen: 246_000 },
		{ channel: 'bank_form_issued', label: REPORT_CHANNEL_LABEL.bank_form_issued, entries: 2, netFen: 88_800 }
	],
	feeItems: [
		{ code: '10110', name: '企业职工基本养老保险', count: 3, amountFen: 600_000 },
		{ code: '10310', name: '城乡居民基本医疗保险', count: 4, amountFen: 231_000 }
	],
	totalFen: 831_000,
	cash: {
		expectedFen: 123_000,
		countedFen: 122_000,
		count: { 10000: 12, 1000: 2 },
		varianceFen: -1_000,
		reason: SHORT_REASON
	},
	pos: {
		batchNo: '000007',
		posSaleCount: 6,
		posSaleFen: 530_000,
		posVoidCount: 1,
		posVoidFen: 8_000,
		ledgerSaleCount: 5,
		ledgerNetFen: 512_000,
		differences: [
			{ referenceNo: '103015000011', posFen: 10_000, ledgerFen: null },
			{ referenceNo: '110244000019', posFen: 0, ledgerFen: 8_000 }
		]
	},
	posNote: null,
	signOff: { supervisorId: 2, supervisorName: '王建军', at: '2026-12-03T09:06:00.000Z' }
};

export const DAY_CLOSE: DayCloseReport = {
	businessDate: '2026-12-03',
	printedAt: '2026-12-03T10:00:00.000Z',
	closedAt: null,
	closedBy: null,
	windows: [
		{
			windowNo: 1,
			shiftId: 39,
			clerkName: '张伟',
			openedAt: '2026-12-03T00:20:00.000Z',
			closedAt: '2026-12-03T08:50:00.000Z',
			totalFen: 150_000,
			cashVarianceFen: 0,
			varianceReason: null,
			signedOffBy: '王建军'
		},
		{
			windowNo: 3,
			shiftId: 41,
			clerkName: '李晓红',
			openedAt: '2026-12-03T00:30:00.000Z',
			closedAt: '2026-12-03T09:05:00.000Z',
			totalFen: 831_000,
			cashVarianceFen: -1_000,
			varianceReason: SHORT_REASON,
			signedOffBy: '王建军'
		},
		{
			windowNo: 5,
			shiftId: 42,
			clerkName: '赵敏',
			openedAt: '2026-12-03T01:00:00.000Z',
			closedAt: null,
			totalFen: 20_000,
			cashVarianceFen: null,
			varianceReason: null,
			signedOffBy: null
		}
	],
	open: {
		openShifts: [{ windowNo: 5, clerkName: '赵敏', openedAt: '2026-12-03T01:00:00.000Z' }],
		unrecordedStubs: [{ declarationNo: 'SB20261203000017', windowNo: 3, amountFen: 44_400, issuedAt: '2026-12-03T02:15:00.000Z' }],
		pendingIntents: [{ key: 'pay-5-0003', action: 'pos.sale', status: 'unknown', createdAt: '2026-12-03T03:00:00.000Z' }],
		collectorsOverLimit: [{ collectorCode: 'DB0012', name: '刘桂兰', detail: '手中现金3,200.00元，超过限额2,000.00元' }]
	},
	pos: null,
	posNote: 'POS机未应答，日结未取得POS结算'
};
