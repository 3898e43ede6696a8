// Every text the clerk (or a payer) reads from the hardware layer, in one place.
import type { StatusCode, StatusLevel, DeviceKind } from './status-codes';

export const DEVICE_LABEL: Record<DeviceKind, string> = {
	'receipt-printer': '小票打印机',
	'pos-terminal': '银行卡POS机',
	'cash-drawer': '钱箱',
	'id-reader': '身份证读卡器',
	'form-printer': 'A4表单打印机'
};

/** Default level and message per status code; drivers may pass a more specific message. */
export const STATUS_TEXT: Record<StatusCode, { level: StatusLevel; message: string }> = {
	OK: { level: 'ok', message: '设备正常' },
	CONNECTING: { level: 'warning', message: '正在连接设备…' },
	OFFLINE: { level: 'error', message: '设备未连接：请检查电源和数据线，系统会自动重连' },
	NOT_RESPONDING: { level: 'error', message: '设备无应答：请检查设备电源是否打开、数据线是否接好' },
	PAPER_OUT: { level: 'error', message: '打印机缺纸：请装入热敏纸卷后重新打印（已打印部分作废，补打会注明“补打”）' },
	PAPER_NEAR_END: { level: 'warning', message: '打印纸即将用完：请准备更换纸卷' },
	COVER_OPEN: { level: 'error', message: '打印机上盖未关：请合上上盖后重新打印' },
	CUTTER_ERROR: { level: 'error', message: '打印机切刀故障：请关机检查切刀，清除卡纸后再开机' },
	PRINTER_ERROR: { level: 'error', message: '打印机故障：请关机后重新开机；仍不恢复请联系运维' },
	DRAWER_OPEN: { level: 'warning', message: '钱箱未关闭：收付现金后请随手关好钱箱' },
	TIMEOUT: { level: 'warning', message: 'POS机未在规定时间内应答：结果未知，请先查询或冲正，切勿重复刷卡' },
	BUSY: { level: 'warning', message: 'POS机忙：交易未发起，请稍候再试' },
	PROTOCOL_ERROR: { level: 'error', message: 'POS机应答无法识别：请检查串口设置（波特率）或联系收单机构' },
	FONT_MISSING: { level: 'error', message: '缺少中文字体文件，无法生成A4表单：请安装文泉驿微米黑字体或在配置中指定字体路径' },
	PRINT_FAILED: { level: 'error', message: 'A4表单打印失败：请检查打印机是否开机、有纸，或联系运维' },
	SIMULATED: { level: 'warning', message: '身份证读卡器未接入厂商接口，当前为模拟读卡器' }
};

export const PRINTER_TEXT = {
	linkDown: '打印机串口已断开：请检查数据线，系统会自动重连',
	noResponse: '打印机无应答：请检查打印机电源是否打开',
	offline: '打印机处于脱机状态：请检查打印机面板指示灯',
	autoRecoverable: '打印机暂停（如打印头过热），稍候会自动恢复',
	/** Printed at the foot of a receipt whose text had characters the printer cannot print. */
	replacedNotice: '注：个别字符打印机无法打印，已用“?”或相近字符代替；原始信息已完整保存在系统记录中。'
} as const;

export const POS_TEXT = {
	linkDown: 'POS机串口已断开：请检查数据线，系统会自动重连；交易未发起',
	writeFailed: '向POS机发送时串口断开：结果未知，请先查询或冲正，切勿重复刷卡',
	unexpectedAnswer: (code: string, reason: string) => `POS机应答异常（${code} ${reason}）：冲正未完成，请稍后重试`,
	unexpectedDetail: (code: string, reason: string) => `POS机未给出交易明细（${code} ${reason}）：请稍后重试`
} as const;

/** Reasons the simulated terminal gives, in the words of bank slips (ISO 8583 response codes). */
export const POS_RESPONSE_TEXT = {
	'00': '交易成功',
	'12': '无效交易',
	'25': '找不到原始交易',
	'51': '余额不足',
	'54': '卡片过期',
	'94': '重复交易',
	BZ: 'POS机忙，请稍候'
} as const;

export const POS_SIM_TEXT = {
	voidAmountMismatch: '撤销金额与原交易不符',
	voidNotToday: '只能撤销当日当批次交易，其余请走退费流程',
	alreadyVoided: '原交易已撤销',
	alreadyReversed: '原交易已冲正，请使用新的交易号'
} as const;

export const DRAWER_TEXT = {
	printerDown: '钱箱经小票打印机驱动，打印机未连接，暂时无法开钱箱'
} as const;

export const FORM_TEXT = {
	fontMissing: (path: string) => `找不到中文字体文件：${path}。请安装字体（fonts-wqy-microhei）或在配置中指定正确路径`,
	fontUnreadable: (path: string, name: string) => `字体文件无法使用：${path}（字体名 ${name}）。请确认文件完整，且TTC字体名填写正确`,
	cupsFailed: (detail: string) => `送往A4打印机失败：${detail}。请检查打印机是否开机、有纸，或联系运维`,
	folderFailed: (detail: string) => `A4表单文件保存失败：${detail}。请检查输出目录是否存在且可写`,
	/** Printed under the bank-collection form, as on the paper original. */
	lateFeeNotice: '逾期不缴按规定加收滞纳金',
	keepSafe: '妥善保管',
	/** After a title: a copy printed again because an earlier one may have come out. */
	reprintMark: '（补打）',
	/** The guide: certificates issued by tax never show refunds made by the agencies. */
	refundSentence: '税务机关出具的缴费凭证，不体现社保、医保经办机构部门的退费结果信息。'
} as const;

export const CONFIG_TEXT = {
	invalid: (problems: string[]) => `硬件配置有误：${problems.join('；')}`,
	notOneOf: (name: string, allowed: readonly (string | number)[], got: unknown) => `${name} 应为 ${allowed.join(' / ')} 之一（当前为 ${JSON.stringify(got)}）`,
	notInRange: (name: string, min: number, max: number, got: unknown) => `${name} 应为 ${min}–${max} 之间的整数（当前为 ${JSON.stringify(got)}）`,
	empty: (name: string) => `${name} 不能为空`
} as const;
