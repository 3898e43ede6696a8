// Payers, agencies, dues and payments in the guide's terms, with the words the clerk reads.

export type PayerKind = 'enterprise' | 'institution' | 'resident' | 'flexible';
export type Agency = 'social' | 'medical';
export type DueKind = 'regular' | 'historical' | 'retirement' | 'policy' | 'project_injury' | 'special';
export type PaymentChannel = 'pos' | 'cash' | 'agreement' | 'bank_form' | 'pending_account' | 'virtual_account' | 'online';
export type RegistrationStatus = 'active' | 'cancelled' | 'transferred';
export type LinkMethod = 'automatic' | 'manual' | 'project';
export type DeclarationStatus = 'declared' | 'paid' | 'voided';

export const PAYER_KIND_LABEL: Record<PayerKind, string> = {
	enterprise: '企业',
	institution: '机关事业单位',
	resident: '城乡居民',
	flexible: '灵活就业人员'
};

export const AGENCY_LABEL: Record<Agency, string> = {
	social: '社保经办机构',
	medical: '医保经办机构'
};

export const DUE_KIND_LABEL: Record<DueKind, string> = {
	regular: '日常缴费',
	historical: '历史性补缴',
	retirement: '退休补收',
	policy: '政策性补缴',
	project_injury: '工程项目工伤保险',
	special: '特殊人群'
};

export const CHANNEL_LABEL: Record<PaymentChannel, string> = {
	pos: '银行卡（POS）',
	cash: '现金',
	agreement: '三方协议扣款',
	bank_form: '银行经收缴款书',
	pending_account: '待报解专户',
	virtual_account: '虚拟户集中代收',
	online: '线上渠道'
};

export const REGISTRATION_STATUS_LABEL: Record<RegistrationStatus, string> = {
	active: '正常',
	cancelled: '已注销',
	transferred: '已转移'
};

export const LINK_METHOD_LABEL: Record<LinkMethod, string> = {
	automatic: '系统自动关联',
	manual: '窗口人工关联',
	project: '工程项目窗口关联'
};

export const DECLARATION_STATUS_LABEL: Record<DeclarationStatus, string> = {
	declared: '已申报未缴款',
	paid: '已缴款',
	voided: '已作废'
};

/** Unit payers are identified by credit code, individuals by resident ID number. */
export function isUnitKind(kind: PayerKind): boolean {
	return kind === 'enterprise' || kind === 'institution';
}

export interface Payer {
	id: number;
	kind: PayerKind;
	name: string;
	/** Credit code for units, resident ID number for individuals. */
	identifier: string;
	taxOffice: { code: string; name: string; treasury: string };
	address: string;
	registeredOn: string;
}

export interface AgencyRegistration {
	id: number;
	agency: Agency;
	agencyNo: string;
	payerIdentifier: string;
	payerName: string;
	scope: 'regular' | 'project';
	projectName: string | null;
	status: RegistrationStatus;
	receivedOn: string;
	items: FeeItemRef[];
	link: { method: LinkMethod; linkedOn: string; linkedBy: string | null } | null;
	/** The agency has started a change (变更) or transfer (转移) of this record and not yet sent it: pay only once it has. */
	pendingChange: 'change' | 'transfer' | null;
}

export interface FeeItemRef {
	code: string;
	name: string;
}

export interface AssessedDue {
	id: number;
	dueNo: string;
	registrationId: number;
	kind: DueKind;
	item: FeeItemRef;
	periodFrom: string;
	periodTo: string;
	amountFen: number;
	assessedOn: string;
	/** Derived from declarations: a due is open until declared, and settled once paid. */
	state: 'open' | 'declared' | 'paid';
}

export interface DeclarationLine {
	dueId: number | null;
	item: FeeItemRef;
	periodFrom: string;
	periodTo: string;
	tier: number | null;
	amountFen: number;
}

export interface DeclarationRecord {
	id: number;
	declarationNo: string;
	declaredOn: string;
	status: DeclarationStatus;
	lines: DeclarationLine[];
	totalFen: number;
	/** An unpaid one whose bank form (银行缴款书) was printed and handed out, as the terminal's ledger shows. */
	documentPrinted?: boolean;
}

export interface PaymentRecord {
	id: number;
	declarationNo: string;
	channel: PaymentChannel;
	amountFen: number;
	paidOn: string;
	bookedOn: string | null;
	voucherNo: string;
}

/** What a resident or flexible employee can pay now (from the agency registration and the year's tables). */
export interface IndividualOptions {
	payerId: number;
	kind: 'resident' | 'flexible';
	/** The year of `today`. */
	year: number;
	/**
	 * Resident basic pension of the CURRENT year, where registered for it (else null). A tier is
	 * the index of the year's table; people name it by its amount (pensionTierLabel: 每年300元).
	 * `paidTier`: paid this year (the tier is locked); `declaredTier`: declared, unpaid (no lock).
	 */
	pension: { item: FeeItemRef; year: number; tiers: { tier: number; amountFen: number }[]; paidTier: number | null; declaredTier: number | null } | null;
	/** Resident supplementary pension of the current year, where registered for it. */
	supplementary: { item: FeeItemRef; year: number; amountFen: number; paid: boolean } | null;
	/** Resident basic medical of the NEXT year (regular collection), where registered for it. */
	medical: { item: FeeItemRef; year: number; amountFen: number; paid: boolean } | null;
	/** Open agency-assessed dues: a resident's back-payment (补缴) and special groups (特殊人群), a flexible employee's months. */
	dues: AssessedDue[];
}

/** What an individual chose to declare: regular resident items by the year's tables, and assessed dues. */
export interface IndividualSelection {
	/** A tier of this year's pension table, or null for none. */
	pensionTier: number | null;
	supplementary: boolean;
	medical: boolean;
	/** Open assessed dues of this payer, by id. */
	dueIds: number[];
}

/** A yearly amount for residents: a pension tier (档次) or the medical amount (tier 0). */
export interface YearlyAmount {
	item: FeeItemRef;
	year: number;
	tier: number;
	amountFen: number;
}

/** Link state of one agency for this payer: linked only when every active record is. */
export type AgencyLinkState = 'linked' | 'unlinked' | 'unregistered';

export const LINK_STATE_LABEL: Record<AgencyLinkState, string> = {
	linked: '已关联',
	unlinked: '有登记信息，未关联',
	unregistered: '未收到参保登记信息'
};

export function linkStateOf(registrations: AgencyRegistration[], agency: Agency): AgencyLinkState {
	const own = registrations.filter((r) => r.agency === agency && r.status === 'active');
	if (own.length === 0) return 'unregistered';
	return own.every((r) => r.link) ? 'linked' : 'unlinked';
}
