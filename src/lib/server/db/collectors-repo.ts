import type { Db } from './open-database';

/** A collector (代办员) registered at this terminal, with the virtual account (虚拟户) opened upstream. */
export interface Collector {
	/** `C001`, `C002`, … in the order registered. */
	code: string;
	name: string;
	idNumber: string;
	village: string;
	county: string;
	phone: string;
	virtualAccountNo: string;
	/** The supervisor's clerk id; null for the demo seed. */
	registeredBy: number | null;
	registeredAt: string;
}

export type NewCollector = Omit<Collector, 'code' | 'registeredAt'>;

const SELECT = `SELECT code, name, id_number AS idNumber, village, county, phone, virtual_account_no AS virtualAccountNo,
	registered_by AS registeredBy, registered_at AS registeredAt FROM collectors`;

export function collectorsRepo(db: Db) {
	const byCode = db.prepare<[string], Collector>(`${SELECT} WHERE code = ?`);
	const byIdNumber = db.prepare<[string], Collector>(`${SELECT} WHERE id_number = ?`);
	const all = db.prepare<[], Collector>(`${SELECT} ORDER BY code`);
	// Codes are C + at least three digits: the numeric part orders them past C999.
	const last = db.prepare<[], { n: number | null }>(`SELECT max(CAST(substr(code, 2) AS INTEGER)) AS n FROM collectors`);
	const insert = db.prepare<[string, string, string, string, string, string, string, number | null, string]>(
		`INSERT INTO collectors (code, name, id_number, village, county, phone, virtual_account_no, registered_by, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	return {
		/** Stores the collector under the next code, in one transaction with finding it. */
		register(c: NewCollector, at: string): Collector {
			return db
				.transaction(() => {
					const code = `C${String((last.get()?.n ?? 0) + 1).padStart(3, '0')}`;
					insert.run(code, c.name, c.idNumber, c.village, c.county, c.phone, c.virtualAccountNo, c.registeredBy, at);
					return byCode.get(code)!;
				})
				.immediate();
		},
		byCode: (code: string): Collector | null => byCode.get(code) ?? null,
		byIdNumber: (idNumber: string): Collector | null => byIdNumber.get(idNumber) ?? null,
		list: (): Collector[] => all.all()
	};
}

export type CollectorsRepo = ReturnType<typeof collectorsRepo>;
