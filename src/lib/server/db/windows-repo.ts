import type { Db } from './open-database';

export interface CounterWindow {
	windowNo: number;
	label: string;
	kind: 'counter' | 'kiosk';
}

export function windowsRepo(db: Db) {
	return {
		counters: () => db.prepare<[], CounterWindow>(`SELECT window_no AS windowNo, label, kind FROM windows WHERE kind = 'counter' ORDER BY window_no`).all(),
		get: (windowNo: number) =>
			db.prepare<[number], CounterWindow>(`SELECT window_no AS windowNo, label, kind FROM windows WHERE window_no = ?`).get(windowNo) ?? null,
		insert(w: CounterWindow) {
			db.prepare('INSERT INTO windows (window_no, label, kind) VALUES (?, ?, ?)').run(w.windowNo, w.label, w.kind);
		}
	};
}
