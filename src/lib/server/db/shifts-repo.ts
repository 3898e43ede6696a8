import type { CashCount, DayCloseReport, ShiftReport } from '../../domain/shift-report';
import type { Db } from './open-database';

export interface ShiftRow {
	id: number;
	clerkId: number;
	clerkName: string;
	windowNo: number;
	businessDate: string;
	openedAt: string;
	closedAt: string | null;
	openingFen: number;
	openingCount: CashCount;
	countedFen: number | null;
	expectedFen: number | null;
	countedCount: CashCount | null;
	varianceFen: number | null;
	varianceReason: string | null;
	signedOffBy: number | null;
	/** The Z as it was printed at close. */
	z: ShiftReport | null;
}

interface StoredShift extends Omit<ShiftRow, 'openingCount' | 'countedCount' | 'z'> {
	openingCount: string;
	countedCount: string | null;
	z: string | null;
}

const SELECT = `SELECT s.id, s.clerk_id AS clerkId, c.display_name AS clerkName, s.window_no AS windowNo, s.business_date AS businessDate,
	s.opened_at AS openedAt, s.closed_at AS closedAt, s.opening_cash_fen AS openingFen, s.opening_count AS openingCount,
	s.counted_cash_fen AS countedFen, s.expected_cash_fen AS expectedFen, s.counted_count AS countedCount, s.variance_fen AS varianceFen,
	s.variance_reason AS varianceReason, s.signed_off_by AS signedOffBy, s.z_report AS z
	FROM shifts s JOIN clerks c ON c.id = s.clerk_id`;

const parsed = (r: StoredShift | undefined): ShiftRow | null =>
	r
		? {
				...r,
				openingCount: JSON.parse(r.openingCount) as CashCount,
				countedCount: r.countedCount === null ? null : (JSON.parse(r.countedCount) as CashCount),
				z: r.z === null ? null : (JSON.parse(r.z) as ShiftReport)
			}
		: null;

/** One open shift per window and per clerk (unique indexes); opening a second is refused by SQLite. */
export class ShiftConflictError extends Error {
	readonly code = 'SHIFT_ALREADY_OPEN';
}

export interface ShiftClose {
	closedAt: string;
	count: CashCount;
	countedFen: number;
	expectedFen: number;
	varianceFen: number;
	reason: string | null;
	signedOffBy: number;
	z: ShiftReport;
}

/** The journal's shifts and the hall's day closes. */
export function shiftsRepo(db: Db) {
	const insert = db.prepare(
		`INSERT INTO shifts (clerk_id, window_no, business_date, opened_at, opening_cash_fen, opening_count) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`
	);
	const byId = db.prepare<[number], StoredShift>(`${SELECT} WHERE s.id = ?`);
	const openAt = db.prepare<[number], StoredShift>(`${SELECT} WHERE s.window_no = ? AND s.closed_at IS NULL`);
	const openOf = db.prepare<[number], StoredShift>(`${SELECT} WHERE s.clerk_id = ? AND s.closed_at IS NULL`);
	const ofDate = db.prepare<[string, string], StoredShift>(
		`${SELECT} WHERE s.business_date = ? OR (s.closed_at IS NULL AND s.business_date < ?) ORDER BY s.window_no, s.id`
	);
	const close = db.prepare(
		`UPDATE shifts SET closed_at = @closedAt, counted_cash_fen = @countedFen, expected_cash_fen = @expectedFen, counted_count = @count,
			variance_fen = @varianceFen, variance_reason = @reason, signed_off_by = @signedOffBy, z_report = @z
		 WHERE id = @id AND closed_at IS NULL`
	);
	const dayClose = db.prepare<[string], { closedBy: number; closedAt: string; report: string }>(
		`SELECT closed_by AS closedBy, closed_at AS closedAt, report FROM day_closes WHERE business_date = ?`
	);
	const insertDayClose = db.prepare(`INSERT INTO day_closes (business_date, closed_by, closed_at, report) VALUES (?, ?, ?, ?)`);

	return {
		/** Opens a shift and, in the same transaction, writes what goes with it (its audit row). */
		open(
			s: { clerkId: number; windowNo: number; businessDate: string; openedAt: string; count: CashCount; openingFen: number },
			alongside?: (id: number) => void
		): number {
			try {
				return db.transaction(() => {
					const { id } = insert.get(s.clerkId, s.windowNo, s.businessDate, s.openedAt, s.openingFen, JSON.stringify(s.count)) as { id: number };
					alongside?.(id);
					return id;
				})();
			} catch (e) {
				if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new ShiftConflictError('shift already open');
				throw e;
			}
		},
		get: (id: number) => parsed(byId.get(id)),
		openAt: (windowNo: number) => parsed(openAt.get(windowNo)),
		openOf: (clerkId: number) => parsed(openOf.get(clerkId)),
		/** The shifts of a business day, and any shift of an earlier day still open. */
		ofDate: (businessDate: string) => ofDate.all(businessDate, businessDate).map((r) => parsed(r)!),
		/** Closes the shift once, with what goes with it in the same transaction; false if it was closed meanwhile. */
		close: (id: number, c: ShiftClose, alongside?: () => void): boolean =>
			db.transaction(() => {
				const closed = close.run({ ...c, id, count: JSON.stringify(c.count), z: JSON.stringify(c.z) }).changes === 1;
				if (closed) alongside?.();
				return closed;
			})(),
		dayClose(businessDate: string): { closedBy: number; closedAt: string; report: DayCloseReport } | null {
			const r = dayClose.get(businessDate);
			return r ? { ...r, report: JSON.parse(r.report) as DayCloseReport } : null;
		},
		/** Records the day's close once, with what goes with it in the same transaction; false if it was closed already. */
		closeDay(businessDate: string, closedBy: number, closedAt: string, report: DayCloseReport, alongside?: () => void): boolean {
			try {
				db.transaction(() => {
					insertDayClose.run(businessDate, closedBy, closedAt, JSON.stringify(report));
					alongside?.();
				})();
				return true;
			} catch (e) {
				if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
				throw e;
			}
		}
	};
}

export type ShiftsRepo = ReturnType<typeof shiftsRepo>;
