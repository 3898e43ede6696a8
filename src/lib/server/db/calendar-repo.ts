import type { Db } from './open-database';

export interface CalendarYear {
	year: number;
	source: string;
	holidays: string[];
	workdays: string[];
}

export function calendarRepo(db: Db) {
	return {
		all(): CalendarYear[] {
			const years = db.prepare<[], { year: number; source: string }>('SELECT year, source FROM calendar_years ORDER BY year').all();
			const days = db.prepare<[number], { date: string; day_kind: string }>('SELECT date, day_kind FROM calendar_days WHERE year = ? ORDER BY date');
			return years.map((y) => {
				const rows = days.all(y.year);
				return {
					...y,
					holidays: rows.filter((d) => d.day_kind === 'holiday').map((d) => d.date),
					workdays: rows.filter((d) => d.day_kind === 'workday').map((d) => d.date)
				};
			});
		},
		/** Replaces a whole year in one transaction. */
		replaceYear(y: CalendarYear, enteredBy: number, at: string) {
			db.transaction(() => {
				db.prepare('DELETE FROM calendar_years WHERE year = ?').run(y.year);
				db.prepare('INSERT INTO calendar_years (year, source, entered_by, entered_at) VALUES (?, ?, ?, ?)').run(y.year, y.source, enteredBy, at);
				const day = db.prepare('INSERT INTO calendar_days (date, year, day_kind) VALUES (?, ?, ?)');
				for (const d of y.holidays) day.run(d, y.year, 'holiday');
				for (const d of y.workdays) day.run(d, y.year, 'workday');
			})();
		}
	};
}
