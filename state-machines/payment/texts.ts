// Every message the payment machine gives, as functions of plain values (fen, dates, codes):
// the one place in the machine that formats an amount or names a channel.
import { CHANNEL_LABEL, type PaymentChannel } from '../../src/lib/domain/payer';
import type { IsoDate } from '../../src/lib/domain/dates';
import { formatYuan } from '../../src/lib/domain/money';
import { amountInWords } from '../../src/lib/domain/amount-in-words';
import type { CounterChannel } from './types';

export const PAYMENT_TEXTS = {
	/** 金额合计（大写） as the printed form shows it. */
	amountInWords: (fen: number) => amountInWords(fen),
	windowClosed: (today: IsoDate, closes: IsoDate) =>
		`社会保险费缴纳时间为每月1日至25日，节假日不顺延。今天是${today}，本月缴费期已于${closes}结束，请于下月1日至25日办理。`,
	channelNotAtCounter: (channel: PaymentChannel) => `窗口不能以“${CHANNEL_LABEL[channel]}”方式收款，请选择其他缴费方式。`,
	unitsOnly: (channel: PaymentChannel) => `“${CHANNEL_LABEL[channel]}”仅适用于单位缴费人；城乡居民和灵活就业人员在窗口请刷卡或缴纳现金。`,
	pendingInstitutionsOnly: '待报解社会保险费专户缴费仅适用于机关事业单位。',
	declined: (reason: string) => `银行卡交易被拒绝：${reason}。缴费人未被扣款，可换卡重试或改用其他缴费方式。`,
	reversed: '刷卡未得到明确结果，已自动冲正：缴费人未被扣款（如已显示扣款，银行将退回）。请重新选择缴费方式。',
	amountMismatch: (charged: number, due: number) => `POS机扣款金额${formatYuan(charged)}元与应缴金额${formatYuan(due)}元不一致，已发起冲正。`,
	reversalFailed: (reason: string) => `冲正未成功（${reason}）。请勿重新刷卡，请值班长与收单银行核实该笔交易后处理。`,
	tenderTooLow: (tendered: number, due: number) => `收取现金${formatYuan(tendered)}元少于应缴金额${formatYuan(due)}元，请收足款项。`,
	tenderInvalid: '收款金额须为以分计的正整数。',
	drawerFailed: '钱箱未能打开，请检查钱箱后重试；如已手动开箱放入现金，请确认“钱箱已关闭”。',
	agreementInvalid: (reason: string) => `三方协议无效，不能扣款：${reason}。请缴费人与开户银行、主管税务机关核实或重新签订三方协议，本次可改用其他缴费方式。`,
	agreementCheckFailed: '查询三方协议失败，请稍后重试或改用其他缴费方式。',
	insufficientFunds: (reason: string) => `三方协议账户余额不足，扣款未成功，缴费人未被扣款（银行答复：${reason}）。请存足资金后重试，或改用其他缴费方式。`,
	deductionRefused: (reason: string) => `三方协议扣款未成功，缴费人未被扣款：${reason}。`,
	deductionUnknown: '扣款结果未知：请勿改用其他方式收款。请点击“重试”查询并完成本笔扣款（不会重复扣款）。',
	bankFormFailed: '《税收缴款书（银行经收专用）》打印失败，请检查打印机后重试（重试不会重复开具）。',
	bankFormNotice: (limitDate: IsoDate) =>
		`请缴费人持《税收缴款书（银行经收专用）》到银行以转账或现金方式缴款（限缴日期${limitDate}），并将银行盖章的回执联及时送回办税服务厅。`,
	transfersLoadFailed: '查询待报解专户到账信息失败，请稍后重试。',
	transferDateInvalid: (today: IsoDate) => `到账日期须为不晚于今天（${today}）的有效日期。`,
	transferUnknown: '所选不是本单位在该日到账的款项。',
	proofInvalid: '请填写资金入账证明的编号（1至40个字符）。',
	nothingSelected: '请勾选到账款项。',
	proofMissing: (ids: string[]) => `以下到账款项缺少资金入账证明（国库集中支付凭证、银行付款回单等）：${ids.join('、')}。`,
	sumMismatch: (selected: number, due: number) => `所选到账款项合计${formatYuan(selected)}元，应缴金额${formatYuan(due)}元：须与应缴金额分毫不差，请重新勾选。`,
	notSameDay: '多笔资金须于同一日内缴入待报解社会保险费专户，所选款项不是同一日到账。',
	settlementRefused: (reason: string) => `待报解专户缴费未成功：${reason}。`,
	settlementUnknown: '待报解专户缴费结果未知：请点击“重试”查询并完成本笔缴费（不会重复缴费）。',
	recordFailed: '缴费记账未完成：款项已收取，请点击“重试”完成记账（不会重复记账）；多次失败请报告值班长。',
	badVoucher: (voucherNo: string) => `核心征管系统返回的电子税票号码“${voucherNo}”不是18位数字，请重试或报告值班长。`,
	supervisorFieldsMissing: '请值班长填写工号和处理说明。',
	claimFailed: '未能向税务核心征管系统确认本窗口占用该申报，款项未收取。请稍后重试。',
	recordRefusedReversed: (reason: string) => `缴费记账被拒绝：${reason}。已自动冲正该笔刷卡，缴费人未被扣款。`,
	recordRefusedHeld: (reason: string, channel: CounterChannel, amountFen: number) =>
		channel === 'cash'
			? `缴费记账被拒绝：${reason}。已收现金${formatYuan(amountFen)}元已登记为待处理现金，请勿放入营业款；请值班长到场决定退还缴费人或另行处理。`
			: `缴费记账被拒绝：${reason}。已扣${formatYuan(amountFen)}元已登记退款申请，请值班长到场处理。`,
	/** One person of a household, as the messages name them. */
	person: (name: string, declarationNo: string) => `${name}（申报序号${declarationNo}）`,
	/** A household's record refused after some parts were booked: `booked`/`unbooked` name the persons (and their declarations). */
	recordRefusedPartly: (reason: string, channel: CounterChannel, booked: string[], unbooked: string[], unbookedFen: number) =>
		`缴费记账被拒绝：${reason}。本次收款已为${booked.join('、')}记账；${unbooked.join('、')}未记账，未记账金额${formatYuan(unbookedFen)}元。` +
		(channel === 'pos'
			? '该笔刷卡已部分记账，不能整笔冲正，请勿重新刷卡；请值班长到场，与收单银行核实后为未记账部分退款或另行处理。'
			: channel === 'cash'
				? '未记账部分的现金已登记为待处理现金，请勿放入营业款；请值班长到场决定退还缴费人或另行处理。'
				: '未记账部分已登记退款申请，请值班长到场处理。'),
	holdFailed: '待处理款项未能登记到本机账册，请点击“重试”；在登记完成前请勿离开本笔业务。'
} as const;
