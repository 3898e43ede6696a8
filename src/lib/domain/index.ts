// The pure domain core: no I/O, nothing imported from outside src/lib/domain except
// I/O-free packages (chinese-days).
export { DomainError } from './errors';
export { InvalidDateError, type IsoDate } from './dates';
export { parseYuan, formatYuan, MoneyParseError, InvalidAmountError, type Fen } from './money';
export { amountInWords } from './amount-in-words';
export { checkResidentId, maskResidentId, normaliseIdNumber, normalizeResidentId, type ResidentIdCheck, type Sex } from './resident-id';
export { residentCoverageYear, pensionTierLabel, type ResidentRegularItem } from './resident-coverage';
export { checkCreditCode, describeCreditCodeKind, type CreditCodeCheck } from './credit-code';
export {
	WorkCalendar,
	CalendarDataMissingError,
	InvalidHolidayArrangementError,
	checkHolidayArrangement,
	bundledCalendar,
	defaultCalendar,
	calendarYearsKnown,
	hasCalendarData,
	isWorkingDay,
	addWorkingDays,
	type HolidayArrangement
} from './calendar';
export { declarationWindow, type DeclarationWindow, type WindowRule } from './declaration-window';
export { checkAnnuityRemark, InvalidNoticeNumberError, type AnnuityRemarkCheck } from './annuity-remark';
export {
	matchAnnuityTransfers,
	ANNUITY_EXCEPTION_REASONS,
	type AnnuityExceptionCode,
	type AnnuityMatchResult,
	type AnnuityNotice,
	type AnnuityTransfer
} from './annuity-matching';
export { RESIDENT_YEARLY_ITEMS, coverageYear } from './coverage';
export { checkCashLimits, type CashLimits, type CashLimitCheck } from './cash-limits';
export {
	COLLECTOR_LIST_HEADER,
	COLLECTOR_ITEMS,
	checkListRows,
	collectorItemName,
	COVERAGE_ITEM,
	sameName,
	type CollectorItemCode,
	type ListRow,
	type RowCode,
	type GoodRow,
	type CheckedRow,
	type PersonFacts,
	type YearTables
} from './collector-list';
