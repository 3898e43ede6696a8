// A window's shift over HTTP, as its clerk opens and closes it: the float counted at the start,
// the drawer counted at the end and the Z signed by the supervisor typed at the window.
import { cashCountTotalFen, DENOMINATIONS_FEN, type CashCount, type ShiftReport } from '../src/lib/domain/shift-report';
import { Api, HttpError } from './client';

/** Every window opens with 250 yuan: two 100s and five 10s. */
export const FLOAT: CashCount = { 10000: 2, 1000: 5 };
export const FLOAT_FEN = cashCountTotalFen(FLOAT);

/** Whether this build has shifts at all (`GET /api/shift`); a build before them answers 404. */
export async function shiftsExist(api: Api): Promise<boolean> {
	try {
		await api.json('GET', '/api/shift');
		return true;
	} catch (e) {
		if (e instanceof HttpError && e.status === 404) return false;
		throw e;
	}
}

export async function openShift(api: Api): Promise<void> {
	await api.json('POST', '/api/shift', { action: 'open', float: FLOAT });
}

/** The drawer's cash as notes and coins, largest first (exact to the fen: 1分 is counted too). */
export function countOut(fen: number): CashCount {
	const count: CashCount = {};
	let left = fen;
	for (const d of DENOMINATIONS_FEN) {
		const n = Math.floor(left / d);
		if (n > 0) count[d] = n;
		left -= n * d;
	}
	return count;
}

export async function closeShift(api: Api, cashFen: number, supervisor: { login: string; password: string }): Promise<ShiftReport> {
	const { report } = await api.json<{ report: ShiftReport }>('POST', '/api/shift', {
		action: 'close',
		counted: countOut(cashFen),
		reason: '压测班结',
		supervisor
	});
	return report;
}
