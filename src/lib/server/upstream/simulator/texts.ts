import { formatYuan, pensionTierLabel } from '../../../domain';
import { AGENCY_LABEL, REGISTRATION_STATUS_LABEL, type Agency, type RegistrationStatus } from '../../../domain/payer';
import { SYSTEM_LABEL, systemOf } from '../errors';
import type { UpstreamOperation } from '../operations';
import type { FundSource, TransferProofKind } from '../types';

// What the simulated upstream systems say, in one place: what happened and what to do.

const yuan = (fen: number) => `${formatYuan(fen)}元`;
/** HH:mm in the hall's time (UTC+8). */
const localTime = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16);

export const FUND_SOURCE_LABEL: Record<FundSource, string> = {
	fiscal: '财政拨款',
	own: '单位自有资金'
};

export const PROOF_LABEL: Record<TransferProofKind, string> = {
	treasury_payment: '国库集中支付凭证',
	bank_receipt: '银行付款回单'
};

export const TAX_CASH_FORM_TITLE = '税收缴款书（税务收现专用）';

export const TEXT = {
	systemRefused: (operation: UpstreamOperation, reason?: string) =>
		`${SYSTEM_LABEL[systemOf(operation)]}拒绝受理：${reason ?? '系统暂停受理该业务'}。请稍后重试，或拨打12366（按6号键）咨询。`,
	invalidRequest: (what: string) => `请求内容不完整或格式不正确：${what}。`,

	payerNotFound: (id: number) => `未找到税务登记信息（编号${id}），请核对缴费人后重新查询。`,
	registrationNotFound: '未找到该条参保登记信息。请缴费人先到社保、医保经办机构办理参保登记。',
	registrationExists: (agency: Agency, agencyNo: string) => `${AGENCY_LABEL[agency]}编号${agencyNo}的参保登记信息已接收过，变更请按变更登记传递。`,
	registrationClosed: (status: RegistrationStatus) => `该条参保登记信息状态为“${REGISTRATION_STATUS_LABEL[status]}”，不能再办理关联、变更或注销。`,
	alreadyLinked: '该条参保登记信息已与本缴费人关联，无需重复关联。',
	linkedToOther: (name: string) => `该条参保登记信息已与其他缴费人（${name}）关联，不能再关联到本缴费人。如关联有误，请到经办机构核实。`,
	identifierMismatch: (agencyId: string, taxId: string) =>
		`参保登记信息的证件号码（${agencyId}）与税务登记信息（${taxId}）不一致，不能关联。请缴费人到经办机构核实登记信息。`,
	projectLinkOnlyForProject: '只有以工程项目方式参加工伤保险的登记信息才按“工程项目”关联。',
	projectNeedsProjectLink: '工程项目工伤保险登记信息须按“工程项目”方式在窗口关联。',
	notLinked: '该条参保登记信息尚未与本缴费人关联，请先办理关联确认。',
	unpaidDues: (count: number, totalFen: number) =>
		`需先结清经办机构已核定未缴纳的社会保险费：尚有${count}笔、合计${yuan(totalFen)}未缴纳。请先申报缴纳，再到经办机构申请注销或转移。`,
	itemNotRegistered: (item: string) => `该条参保登记信息未登记征收品目“${item}”，不能核定。`,

	dueNotFound: (id: number) => `未找到核定应缴信息（编号${id}）。缴费人对应缴信息有异议的，请到社保、医保经办机构核实。`,
	dueNotLinked: (dueNo: string) => `应缴信息${dueNo}所属的参保登记信息未与本缴费人关联，不能申报。请先办理关联确认。`,
	dueAlreadyDeclared: (dueNo: string) => `应缴信息${dueNo}已申报，未缴款前不能重复申报；请直接缴款，或先作废原申报。`,
	dueAlreadyPaid: (dueNo: string) => `应缴信息${dueNo}已缴款，不能重复申报。`,
	annuitySeparate: (dueNo: string) => `应缴信息${dueNo}为职业年金，须按职业年金缴费通知单办理，不在此申报。`,
	outsidePeriod: (date: string, closes: string) => `${date}不在申报缴费期内：每月1日至25日办理（节假日不顺延），本月已于${closes}截止。请于下月1日至25日办理。`,
	noDues: '请至少选择一笔核定应缴信息。',
	dateNotToday: (field: string, date: string, today: string) => `${field}${date}不是今天（${today}）：申报和缴费一律按办理当时的日期。请返回重新办理。`,
	declarationReserved: (no: string, windowNo: number | null, clerk: string, expiresAt: string | null) =>
		`申报${no}正由${windowNo === null ? '其他终端' : `${windowNo}号窗口`}（${clerk}）办理缴款，本窗口不能收款或作废，以免重复收费。` +
		(expiresAt === null ? '该窗口正在收款，请勿重复收费。' : `如该窗口已离开，可于${localTime(expiresAt)}后重试，或请值班长解除占用。`),
	claimMoneyInFlight: (no: string, windowNo: number | null) =>
		`申报${no}在${windowNo === null ? '其他终端' : `${windowNo}号窗口`}的款项正在收取中，不能解除占用；请先在该窗口处理完毕。`,
	duplicateDueInRequest: '同一笔应缴信息在申报中出现了两次。',

	declarationNotFound: (no: string) => `未找到申报记录${no}，请核对申报序号。`,
	declarationPaid: (no: string) => `申报${no}已缴款，不能再作废或重复缴款。`,
	declarationVoided: (no: string) => `申报${no}已作废，请重新申报后缴款。`,
	wrongPayer: (no: string) => `申报${no}不属于本缴费人。`,
	amountMismatch: (amountFen: number, totalFen: number) => `缴款金额${yuan(amountFen)}与申报合计${yuan(totalFen)}不一致，须按申报金额一笔足额缴纳。`,
	channelNotDirect: (channel: string) => `缴费方式“${channel}”须按其专门流程办理（三方协议扣款、银行经收缴款书、待报解专户）。`,
	posSlipMissing: 'POS刷卡缴费须附POS机交易信息（终端号、商户号、卡号、参考号、凭证号）。',
	bankFormOutstanding: (voucherNo: string) =>
		`该申报已开具《税收缴款书（银行经收专用）》（税票号码${voucherNo}），须待银行回执联返回；如改用其他方式缴费，请收回缴款书并作废申报后重新办理。`,
	bankFormAlreadyIssued: (voucherNo: string) =>
		`该申报已开具《税收缴款书（银行经收专用）》（税票号码${voucherNo}），不能重复开具；如需重新打印请补打原缴款书。`,
	bankFormNotFound: '未找到对应的《税收缴款书（银行经收专用）》，请核对税票号码或申报序号。',
	bankFormVoided: (voucherNo: string) => `《税收缴款书（银行经收专用）》${voucherNo}已随申报作废，银行不应收款；请缴费人联系银行核实。`,
	pastLimitDate: (stampedOn: string, limitDate: string) =>
		`银行盖章日期${stampedOn}晚于缴款书的限缴日期${limitDate}，或早于开具日期，回执联无效。请缴费人到银行核实。`,

	noAgreement: '缴费人未签订三方协议（委托扣款协议），不能扣款。可选择其他缴费方式，或到开户银行签订三方协议。',
	agreementInvalid: (reason: string) => `三方协议无效：${reason}。请缴费人到开户银行重新签订或验证三方协议，本次可选择其他缴费方式。`,
	insufficientFunds: (amountFen: number) => `扣款失败：账户余额不足，未能扣缴${yuan(amountFen)}。请缴费人存足款项后重新扣款，或选择其他缴费方式。`,

	transferNotFound: (id: number) => `未找到待报解专户到账记录（编号${id}），请核对到账信息。`,
	transferUsed: (proofNo: string) => `到账记录（凭证号${proofNo}）已用于其他缴费，不能重复使用。`,
	transferTwice: '同一笔到账记录在本次缴费中出现了两次。',
	notSameDay: '多笔资金须于同一日内缴入待报解社会保险费专户，所选到账记录不是同一日到账，不能合并缴费。',
	notThisPeriod: (arrivedOn: string) => `到账日期${arrivedOn}不在本月征期内：须于资金到账当月的1日至25日持资金入账证明办理缴费。`,
	transferSumMismatch: (sumFen: number, totalFen: number) => `所选到账资金合计${yuan(sumFen)}，与申报应缴金额${yuan(totalFen)}不一致，须分毫相等。`,
	proofMismatch: (label: string) => `所持${label}号码与到账记录不符，请核对资金入账证明。`,
	proofMissing: (label: string) => `请录入${label}号码。`,

	notAnIndividual: (name: string) => `${name}不是城乡居民或灵活就业人员：单位缴费请按经办机构核定的应缴信息申报。`,
	nothingSelected: '请至少选择一项缴费：养老保险缴费档次、补充养老保险、医疗保险，或经办机构核定的应缴信息。',
	onlyAssessedOtherwise:
		'城乡居民日常缴费只能选择本年度养老保险缴费档次、补充养老保险和下一年度医疗保险；补缴以前年度或特殊人群缴费，须按经办机构核定的应缴信息申报。',
	unknownTier: (year: number) => `所选缴费档次不在${year}年度城乡居民基本养老保险缴费档次表中，请按本年度档次表重新选择。`,
	// A tier is named by its yearly amount (每年300元档), as the table and the payer name it.
	tierLocked: (year: number, paidFen: number) =>
		`${year}年度城乡居民基本养老保险已按${pensionTierLabel(paidFen)}档缴费。缴费完成后，不再受理本年度缴费档次的调整，不能再按其他档次缴费。`,
	alreadyPaid: (item: string, year: number) => `${item}${year}年度已缴费，不能重复缴费。`,
	notRegisteredForItem: (item: string) =>
		`缴费人没有已关联的“${item}”参保登记信息，不能申报。请缴费人先到社保、医保经办机构办理参保登记，或在窗口办理关联确认。`,
	noYearlyAmount: (item: string, year: number) => `${year}年度${item}的缴费标准尚未下达，暂不能申报。`,
	registrationChangePending: (agency: Agency, kind: 'change' | 'transfer') =>
		`缴费人在${AGENCY_LABEL[agency]}的参保登记正在办理${kind === 'transfer' ? '转移' : '变更'}，` +
		`须待经办机构办结并将信息传递至税务机关后方可缴费。请缴费人先到${AGENCY_LABEL[agency]}办结。`,

	collectorIdInvalid: (reason: string) => `代办员身份证号码有误：${reason}。`,
	virtualAccountExists: (name: string, no: string) => `${name}已开立虚拟户（账号${no}），一名代办员只能开立一个虚拟户。`,
	virtualAccountNotFound: (no: string) => `未找到虚拟户${no}，请核对代办员的虚拟户账号。`,
	depositChannel: '存入虚拟户的款项只能是窗口现金或POS刷卡。',
	batchEmpty: '代收清单中没有可缴费的人员。',
	batchRowInvalid: (row: number, what: string) => `代收清单第${row}行的缴费信息不完整或格式不正确：${what}。`,
	batchRowTwice: (row: number) => `代收清单第${row}行在本次结算中出现了两次。`,
	batchRefused: (bad: number, total: number) => `本批代收共${total}人次，其中${bad}人次不能缴费，整批未结算、未扣虚拟户余额。请核对清单中标出的行后重新办理。`
} as const;
