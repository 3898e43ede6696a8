import type { CheckedRow, GoodRow, ListRow } from '../../domain/collector-list';
import type { Db } from './open-database';

/** A collector's list as uploaded at the window, before anything is paid from it. */
export interface BatchUpload {
	windowSessionId: string | null;
	collectorCode: string;
	fileName: string;
	/** The list file's format (ListFormat of collectors/list-file). */
	format: 'csv' | 'xlsx';
	createdAt: string;
}

export interface BatchUploadSummary extends BatchUpload {
	id: number;
	rows: number;
	good: number;
	bad: number;
	/** The good rows' amounts together. */
	goodFen: number;
}

/** What a good row's settlement needs of it. */
export type SettlementRow = Pick<GoodRow, 'row' | 'payerId' | 'itemCode' | 'tier' | 'year' | 'amountFen'>;

export function batchUploadsRepo(db: Db) {
	const insertUpload = db.prepare<[string | null, string, string, string, string]>(
		'INSERT INTO batch_uploads (window_session_id, collector_code, file_name, format, created_at) VALUES (?, ?, ?, ?, ?)'
	);
	const insertRow = db.prepare<[number, number, number, string | null, string | null, string]>(
		'INSERT INTO batch_rows (upload_id, row, ok, code, reason, data_json) VALUES (?, ?, ?, ?, ?, ?)'
	);
	const rows = db.prepare<[number], { row: number; ok: 0 | 1; code: string | null; reason: string | null; data: string }>(
		'SELECT row, ok, code, reason, data_json AS data FROM batch_rows WHERE upload_id = ? ORDER BY row'
	);
	const settlementRows = db.prepare<[number], SettlementRow>(
		`SELECT row, json_extract(data_json, '$.payerId') AS payerId, json_extract(data_json, '$.itemCode') AS itemCode,
		        json_extract(data_json, '$.tier') AS tier, json_extract(data_json, '$.year') AS year, json_extract(data_json, '$.amountFen') AS amountFen
		 FROM batch_rows WHERE upload_id = ? AND ok = 1 ORDER BY row`
	);
	const itemTotals = db.prepare<[string], { itemCode: string; count: number; amountFen: number }>(
		`SELECT json_extract(data_json, '$.itemCode') AS itemCode, count(*) AS count, sum(json_extract(data_json, '$.amountFen')) AS amountFen
		 FROM batch_rows WHERE ok = 1 AND upload_id = (SELECT max(id) FROM batch_uploads WHERE window_session_id = ?)
		 GROUP BY itemCode ORDER BY itemCode`
	);
	const summary = db.prepare<[number], BatchUploadSummary>(
		`SELECT u.id, u.window_session_id AS windowSessionId, u.collector_code AS collectorCode, u.file_name AS fileName, u.format,
		        u.created_at AS createdAt, count(r.row) AS rows, coalesce(sum(r.ok), 0) AS good, count(r.row) - coalesce(sum(r.ok), 0) AS bad,
		        coalesce(sum(CASE WHEN r.ok = 1 THEN json_extract(r.data_json, '$.amountFen') END), 0) AS goodFen
		 FROM batch_uploads u LEFT JOIN batch_rows r ON r.upload_id = u.id WHERE u.id = ? GROUP BY u.id`
	);
	return {
		/** The upload and every checked row in one transaction, one prepared insert for all rows; returns the upload's id. */
		save(upload: BatchUpload, checked: readonly CheckedRow[]): number {
			return db
				.transaction(() => {
					const id = Number(insertUpload.run(upload.windowSessionId, upload.collectorCode, upload.fileName, upload.format, upload.createdAt).lastInsertRowid);
					for (const r of checked) {
						if (r.ok) {
							const { ok: _, ...good } = r;
							insertRow.run(id, r.row, 1, null, null, JSON.stringify(good));
						} else insertRow.run(id, r.row, 0, r.code, r.reason, JSON.stringify(r.source));
					}
					return id;
				})
				.immediate();
		},
		/** The checked rows as saved, in row order. */
		rows: (id: number): CheckedRow[] =>
			rows.all(id).map((r): CheckedRow => {
				const data = JSON.parse(r.data);
				return r.ok === 1
					? { ok: true, ...data }
					: { ok: false, row: r.row, code: r.code as Extract<CheckedRow, { ok: false }>['code'], reason: r.reason!, source: data as ListRow };
			}),
		/**
		 * The good rows as the settlement takes them, read by SQLite out of the stored JSON: a village's
		 * 100,000 rows are not parsed whole into objects that the settlement then copies.
		 */
		settlementRows: (id: number): SettlementRow[] => settlementRows.all(id),
		/** The good rows of the session's last list, by fee item: what its batch paid. */
		itemTotals: (windowSessionId: string) => itemTotals.all(windowSessionId),
		summary: (id: number): BatchUploadSummary | null => summary.get(id) ?? null
	};
}

export type BatchUploadsRepo = ReturnType<typeof batchUploadsRepo>;
