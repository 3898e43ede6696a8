import { describe, it, expect } from 'vitest';
import { declarationWindow, bundledCalendar, WorkCalendar, CalendarDataMissingError, InvalidDateError } from '../../../src/lib/domain';

describe('declaration window: 1st to 25th, not extended for holidays (节假日不顺延)', () => {
	it('open from the 1st to the 25th', () => {
		expect(declarationWindow('2025-06-01', 'regular')).toEqual({ open: true, closes: '2025-06-25' });
		expect(declarationWindow('2025-06-25', 'regular')).toEqual({ open: true, closes: '2025-06-25' });
		expect(declarationWindow('2025-06-26', 'regular')).toEqual({ open: false, closes: '2025-06-25' });
		expect(declarationWindow('2025-06-30', 'regular')).toEqual({ open: false, closes: '2025-06-25' });
	});

	it('25th on a Sunday (2025-05-25): closed on the 26th all the same', () => {
		expect(declarationWindow('2025-05-25', 'regular')).toEqual({ open: true, closes: '2025-05-25' });
		expect(declarationWindow('2025-05-26', 'regular')).toEqual({ open: false, closes: '2025-05-25' });
	});

	it('25th on a Saturday (2026-04-25): closed on Monday the 27th', () => {
		expect(declarationWindow('2026-04-27', 'regular')).toEqual({ open: false, closes: '2026-04-25' });
	});

	it('25th is Mid-Autumn Festival (2026-09-25): closed from the 26th', () => {
		expect(declarationWindow('2026-09-24', 'regular')).toEqual({ open: true, closes: '2026-09-25' });
		expect(declarationWindow('2026-09-26', 'regular')).toEqual({ open: false, closes: '2026-09-25' });
		expect(declarationWindow('2026-09-28', 'regular')).toEqual({ open: false, closes: '2026-09-25' });
	});

	it('needs no holiday data: works for 2027', () => {
		expect(declarationWindow('2027-03-10', 'regular')).toEqual({ open: true, closes: '2027-03-25' });
		expect(declarationWindow('2027-03-26', 'regular')).toEqual({ open: false, closes: '2027-03-25' });
	});

	it('leap day 2024-02-29 is after the window', () => {
		expect(declarationWindow('2024-02-29', 'regular')).toEqual({ open: false, closes: '2024-02-25' });
	});

	it('invalid dates are refused', () => {
		expect(() => declarationWindow('2023-02-29', 'regular')).toThrow(InvalidDateError);
		expect(() => declarationWindow('2024-13-01', 'annuity')).toThrow(InvalidDateError);
	});
});

describe('occupational annuity window: 1st to 25th, extended for holidays (节假日顺延)', () => {
	it('25th a working day: closes on the 25th', () => {
		expect(declarationWindow('2025-06-25', 'annuity')).toEqual({ open: true, closes: '2025-06-25' });
		expect(declarationWindow('2025-06-26', 'annuity')).toEqual({ open: false, closes: '2025-06-25' });
	});

	it('25th on a Sunday (2025-05-25): runs to Monday the 26th, where regular is already closed', () => {
		expect(declarationWindow('2025-05-26', 'annuity')).toEqual({ open: true, closes: '2025-05-26' });
		expect(declarationWindow('2025-05-26', 'regular').open).toBe(false);
		expect(declarationWindow('2025-05-27', 'annuity')).toEqual({ open: false, closes: '2025-05-26' });
	});

	it('25th on a Sunday (2024-08-25): runs to 2024-08-26', () => {
		expect(declarationWindow('2024-08-26', 'annuity')).toEqual({ open: true, closes: '2024-08-26' });
	});

	it('25th on a Saturday (2026-04-25): runs to Monday the 27th', () => {
		expect(declarationWindow('2026-04-26', 'annuity')).toEqual({ open: true, closes: '2026-04-27' });
		expect(declarationWindow('2026-04-27', 'annuity')).toEqual({ open: true, closes: '2026-04-27' });
		expect(declarationWindow('2026-04-28', 'annuity')).toEqual({ open: false, closes: '2026-04-27' });
	});

	it('25th is Mid-Autumn Festival, a Friday (2026-09-25): runs over the weekend to the 28th', () => {
		expect(declarationWindow('2026-09-01', 'annuity')).toEqual({ open: true, closes: '2026-09-28' });
		expect(declarationWindow('2026-09-27', 'annuity')).toEqual({ open: true, closes: '2026-09-28' });
		expect(declarationWindow('2026-09-28', 'annuity')).toEqual({ open: true, closes: '2026-09-28' });
		expect(declarationWindow('2026-09-29', 'annuity')).toEqual({ open: false, closes: '2026-09-28' });
	});

	it('25th a Saturday followed by a 调休 working Sunday (2025-01-25/26): runs to the Sunday only', () => {
		expect(declarationWindow('2025-01-26', 'annuity')).toEqual({ open: true, closes: '2025-01-26' });
		expect(declarationWindow('2025-01-27', 'annuity')).toEqual({ open: false, closes: '2025-01-26' });
	});

	it('25th a 调休 working Sunday (2023-06-25, 2021-04-25): a working day, not extended', () => {
		expect(declarationWindow('2023-06-25', 'annuity')).toEqual({ open: true, closes: '2023-06-25' });
		expect(declarationWindow('2023-06-26', 'annuity')).toEqual({ open: false, closes: '2023-06-25' });
		expect(declarationWindow('2021-04-26', 'annuity')).toEqual({ open: false, closes: '2021-04-25' });
	});

	it('needs the holiday data of the year: 2027 throws CalendarDataMissingError until it is added', () => {
		expect(() => declarationWindow('2027-09-10', 'annuity')).toThrow(CalendarDataMissingError);
		const with2027 = bundledCalendar().withArrangement({ year: 2027, holidays: ['2027-01-01', '2027-10-01'], workdays: [] });
		// 2027-09-25 is a Saturday
		expect(declarationWindow('2027-09-27', 'annuity', with2027)).toEqual({ open: true, closes: '2027-09-27' });
	});

	it('accepts an explicit calendar', () => {
		expect(() => declarationWindow('2025-05-10', 'annuity', WorkCalendar.empty())).toThrow(CalendarDataMissingError);
		expect(declarationWindow('2025-05-10', 'regular', WorkCalendar.empty())).toEqual({ open: true, closes: '2025-05-25' });
	});
});
